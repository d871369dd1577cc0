/**
 * The uplink to the cloud over MQTT v5: batches readings from the buffer, keeps a window of
 * batches in flight, and deletes or dead-letters buffered readings only when a BatchAck says the
 * cloud committed or refused them; resends from the lowest unconfirmed seq on ack timeout or
 * reconnect. {@link fr.beffroi.edge.uplink.UplinkTransport} separates this logic from Paho;
 * batches are written by a streaming writer that gives WireCodec's exact bytes. Other flows (the
 * command downlink, its result outbox) ride the same connection as {@code Uplink.Rider}s.
 */
package fr.beffroi.edge.uplink;
