package fr.beffroi.edge.downlink;

import fr.beffroi.profiles.wire.CommandResult;

/**
 * What the gateway does with a command it received.
 *
 * @param action what to do
 * @param status for {@link Action#REFUSE}: FAILED or EXPIRED, reported to the cloud
 * @param reason why it is refused or ignored; null for {@link Action#EXECUTE}
 */
public record Verdict(Action action, CommandResult.Status status, String reason) {
    public enum Action {
        /** Ours, fresh, not yet seen: accept it and write. */
        EXECUTE,
        /** Refused: report the status and reason, never write. */
        REFUSE,
        /** Already handled under this id (a resend): do nothing, its results are already on their way. */
        IGNORE
    }

    public static Verdict execute() {
        return new Verdict(Action.EXECUTE, null, null);
    }

    public static Verdict refuse(CommandResult.Status status, String reason) {
        return new Verdict(Action.REFUSE, status, reason);
    }

    public static Verdict ignore(String reason) {
        return new Verdict(Action.IGNORE, null, reason);
    }
}
