/**
 * Decoding and checking: payload to ReadingBatch under the wire contract (a streaming fast path
 * for the plain shape, WireCodec for everything else and for every error message), the identity
 * check against the authenticated gateway, and the shared intake path to the batcher or to
 * dead_letter.
 */
package fr.beffroi.ingest.decode;
