package fr.beffroi.ingest.ack;

import fr.beffroi.profiles.wire.BatchAck;

import java.util.Objects;
import java.util.Optional;

/**
 * The final outcome of one received message, known only once it is durable: committed, or
 * refused and dead-lettered, or failed with nothing written.
 *
 * @param kind   what happened
 * @param ack    the {@link BatchAck} owed to the gateway, when the batch's range is known and final
 * @param reason why it was refused or failed; null when committed
 */
public record IngestOutcome(Kind kind, BatchAck ack, String reason) {
    public enum Kind {
        /** Stored (or found already stored) and committed. */
        COMMITTED,
        /** Malformed or breaking the contract; dead-lettered; the sender's fault, do not resend. */
        INVALID,
        /** Sent under another gateway's name or topic; dead-lettered; not authorised. */
        FORBIDDEN,
        /** A topic of the gateway this node does not take; dead-lettered. */
        UNSUPPORTED_TOPIC,
        /** The database failed; nothing was acknowledged; the node's fault, resend later. */
        FAILED
    }

    public IngestOutcome {
        Objects.requireNonNull(kind, "kind");
    }

    public static IngestOutcome committed(BatchAck ack) {
        return new IngestOutcome(Kind.COMMITTED, Objects.requireNonNull(ack, "ack"), null);
    }

    public static IngestOutcome refused(Kind kind, BatchAck ack, String reason) {
        return new IngestOutcome(kind, ack, reason);
    }

    public static IngestOutcome failed(String reason) {
        return new IngestOutcome(Kind.FAILED, null, reason);
    }

    public Optional<BatchAck> batchAck() {
        return Optional.ofNullable(ack);
    }
}
