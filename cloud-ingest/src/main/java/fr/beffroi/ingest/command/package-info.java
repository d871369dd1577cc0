/**
 * Commands from the cloud side: the ledger in PostgreSQL (idempotent issue, routing to the gateway
 * that holds the device, one audit row per stage, expiry sweep) and {@link
 * fr.beffroi.ingest.command.CommandService}, its asynchronous API for the HTTP API, the MQTT
 * downlink and the rules engine.
 */
package fr.beffroi.ingest.command;
