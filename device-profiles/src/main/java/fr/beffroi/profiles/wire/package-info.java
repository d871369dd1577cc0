/**
 * The edge↔cloud contract: wire records, MQTT topics and their strict JSON codec
 * ({@link fr.beffroi.profiles.wire.WireCodec}, with streaming fast paths for ReadingBatch), and
 * {@link fr.beffroi.profiles.wire.IsoInstants}, the one fast reader/writer of the instant text form
 * shared by the wire, the edge buffer and the cloud's COPY rows; also the one JSON form of a
 * reading's event attributes ({@code WireCodec.attrsJson}), kept by both stores.
 */
package fr.beffroi.profiles.wire;
