/**
 * Decoding and checking: payload to ReadingBatch under the wire contract, the identity check
 * against the authenticated gateway, and the shared intake path to the batcher or to dead_letter.
 */
package fr.beffroi.ingest.decode;
