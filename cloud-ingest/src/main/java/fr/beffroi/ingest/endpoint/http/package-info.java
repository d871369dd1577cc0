/**
 * The HTTP endpoint: readings over HTTPS-able POST with Basic auth, the command API for people
 * (bearer tokens, {@link fr.beffroi.ingest.endpoint.http.CommandApi}), health and Prometheus metrics.
 */
package fr.beffroi.ingest.endpoint.http;
