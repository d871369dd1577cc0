package fr.beffroi.ingest.command;

import java.time.Instant;

/**
 * One row of a command's audit trail.
 *
 * @param status     the stage reached
 * @param reason     why it failed or expired; null otherwise
 * @param at         when the stage was reached (the gateway's clock for its results)
 * @param recordedAt when the cloud recorded it
 */
public record CommandEvent(CommandStatus status, String reason, Instant at, Instant recordedAt) {
}
