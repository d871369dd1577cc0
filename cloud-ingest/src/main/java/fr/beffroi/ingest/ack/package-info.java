/**
 * Acknowledgement: the final outcome of a message and what each protocol owes the sender for it
 * (PUBACK reason and BatchAck over MQTT, status and BatchAck body over HTTP), never before commit.
 */
package fr.beffroi.ingest.ack;
