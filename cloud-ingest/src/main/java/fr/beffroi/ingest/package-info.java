/**
 * Cloud ingestion of gateway readings: endpoints, authentication, decoding, batching, exactly-once
 * storage and acknowledgement after commit. Start at {@link fr.beffroi.ingest.app.IngestNode}.
 */
package fr.beffroi.ingest;
