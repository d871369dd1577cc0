package fr.beffroi.ingest.decode;

import fr.beffroi.profiles.wire.ReadingBatch;

import java.util.Optional;

/** A payload after decoding and checking: valid, invalid, malformed, or claiming someone else's identity. */
public sealed interface Decoded {
    /** Ready to store. */
    record Valid(ReadingBatch batch) implements Decoded {
    }

    /** Not JSON, or not a ReadingBatch: nothing, not even the range, can be trusted. */
    record Malformed(String reason) implements Decoded {
    }

    /** A ReadingBatch that breaks the contract; {@code batch} is what was read. */
    record Invalid(ReadingBatch batch, String reason) implements Decoded {
    }

    /** A batch whose tenant or gateway is not the authenticated one. */
    record Forbidden(ReadingBatch batch, String reason) implements Decoded {
    }

    default Optional<ReadingBatch> readBatch() {
        if (this instanceof Valid v) return Optional.of(v.batch());
        if (this instanceof Invalid i) return Optional.of(i.batch());
        if (this instanceof Forbidden f) return Optional.of(f.batch());
        return Optional.empty();
    }
}
