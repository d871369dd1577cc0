/**
 * PostgreSQL/TimescaleDB: the numbered migrations, the exactly-once write (gateway lock, sequence
 * ledger, COPY, and where each device was last seen, for commands), daily partitions on plain
 * PostgreSQL, and the dead-letter table.
 */
package fr.beffroi.ingest.store;
