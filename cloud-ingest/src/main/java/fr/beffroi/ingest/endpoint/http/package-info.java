/**
 * The HTTP endpoint: readings over HTTPS-able POST with Basic auth, the command API for people
 * (bearer tokens, {@link fr.beffroi.ingest.endpoint.http.CommandApi}) and the booking API ({@link fr.beffroi.ingest.endpoint.http.BookingApi}), health and Prometheus metrics.
 */
package fr.beffroi.ingest.endpoint.http;
