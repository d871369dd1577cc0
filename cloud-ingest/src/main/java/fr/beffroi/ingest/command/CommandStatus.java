package fr.beffroi.ingest.command;

import fr.beffroi.profiles.wire.CommandResult;

/**
 * The stages of a command, in the order they normally come. ISSUED and SENT are the cloud's own;
 * the others are reported by the gateway ({@link CommandResult.Status}), EXPIRED also by the
 * cloud's sweep when a command was never delivered in time.
 */
public enum CommandStatus {
    ISSUED(0), SENT(1), ACCEPTED(2), EXECUTED(3), FAILED(3), EXPIRED(3);

    private final int rank;

    CommandStatus(int rank) {
        this.rank = rank;
    }

    public boolean terminal() {
        return rank == 3;
    }

    /** Still to deliver: the downlink sends these and the sweep expires them. */
    public boolean open() {
        return this == ISSUED || this == SENT;
    }

    /**
     * Whether a command now in this status moves to {@code next}. Stages only go forward, so a
     * late ACCEPTED never hides an EXECUTED; the one exception is the gateway's word against the
     * cloud's sweep: a command it executed just before expiry, whose result came late, is EXECUTED.
     */
    public boolean movesTo(CommandStatus next, boolean fromGateway) {
        if (next.rank > rank) return true;
        return this == EXPIRED && fromGateway && (next == EXECUTED || next == FAILED);
    }

    public static CommandStatus of(CommandResult.Status s) {
        return valueOf(s.name());
    }
}
