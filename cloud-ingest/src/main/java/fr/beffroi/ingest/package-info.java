/**
 * Cloud ingestion of gateway readings: endpoints, authentication, decoding, batching, exactly-once
 * storage and acknowledgement after commit; commands, cloud rules, bookings and door allow-lists. Start at {@link fr.beffroi.ingest.app.IngestNode}.
 */
package fr.beffroi.ingest;
