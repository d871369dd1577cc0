package fr.beffroi.profiles.wire;

import java.time.Instant;
import java.util.Objects;

/**
 * What became of a {@link Command} at the gateway.
 *
 * @param commandId the command's id
 * @param status    the stage reached
 * @param reason    why it failed or was not executed; null otherwise
 * @param at        when the gateway reached this stage
 */
public record CommandResult(String commandId, Status status, String reason, Instant at) {
    public enum Status { ACCEPTED, EXECUTED, FAILED, EXPIRED }

    public CommandResult {
        Objects.requireNonNull(commandId, "commandId");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(at, "at");
    }
}
