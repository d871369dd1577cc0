/**
 * {@code ./beffroi bench}: durable end-to-end ingest against raw COPY into the same table, same run.
 */
package fr.beffroi.ops.bench;
