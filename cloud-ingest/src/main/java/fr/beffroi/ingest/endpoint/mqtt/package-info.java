/**
 * The MQTT endpoint: gateway login, per-gateway topic grants, QoS 1 PUBLISH in, PUBACK and BatchAck
 * out only once the outcome is durable.
 */
package fr.beffroi.ingest.endpoint.mqtt;
