/** The HTTP endpoint: readings over HTTPS-able POST with Basic auth, health and Prometheus metrics. */
package fr.beffroi.ingest.endpoint.http;
