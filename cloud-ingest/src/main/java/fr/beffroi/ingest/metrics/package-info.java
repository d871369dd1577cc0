/** What the node counts: batches and readings by outcome, refused logins, batch size and commit latency. */
package fr.beffroi.ingest.metrics;
