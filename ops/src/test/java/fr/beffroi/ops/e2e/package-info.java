/**
 * End-to-end tests of the spine, all on 127.0.0.1: the SunSpec simulator on Modbus TCP → the real
 * edge agent (in this JVM or as its own process) → the ingest node's MQTT endpoint → a real
 * PostgreSQL. They own the system-level promises no module test can make alone: every reading
 * stored exactly once across an ingest outage and an edge SIGKILL, bad input dead-lettered and
 * answered without stopping the node. {@link fr.beffroi.ops.e2e.Spine} holds the shared wiring.
 */
package fr.beffroi.ops.e2e;
