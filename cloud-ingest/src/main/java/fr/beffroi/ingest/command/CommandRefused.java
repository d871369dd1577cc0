package fr.beffroi.ingest.command;

/**
 * A command the ledger will not issue; {@link Kind} says whose fault and maps to an HTTP status.
 * The message is meant for the caller and names what is wrong.
 */
public final class CommandRefused extends Exception {
    public enum Kind {
        /** The request itself is wrong (bad id, non-finite value, expiry in the past or too far). */
        INVALID,
        /** No gateway ever sent readings of the device. */
        UNKNOWN_DEVICE,
        /** The id is taken by a command with other content. */
        CONFLICT
    }

    private final Kind kind;

    public CommandRefused(Kind kind, String message) {
        super(message);
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }
}
