/**
 * The ingest deployable's composition root ({@link fr.beffroi.ingest.app.IngestNode}), its typed
 * and validated configuration, and {@code main}.
 */
package fr.beffroi.ingest.app;
