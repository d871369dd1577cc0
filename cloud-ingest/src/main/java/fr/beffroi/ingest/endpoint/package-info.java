/** Protocol endpoints: each authenticates a gateway, then hands its payload to the shared intake. */
package fr.beffroi.ingest.endpoint;
