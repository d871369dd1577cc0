package fr.beffroi.ingest.command;

import fr.beffroi.profiles.wire.Command;

import java.time.Instant;
import java.util.List;

/**
 * A command as the ledger holds it: what was ordered, where it goes, where it stands, and its audit
 * trail in the order it was recorded.
 *
 * @param command   the command as sent to the gateway
 * @param gateway   the gateway that holds the device
 * @param status    the latest stage
 * @param reason    why it failed or expired; null otherwise
 * @param updatedAt when the status last changed
 * @param events    every stage reached, oldest first
 */
public record CommandRecord(Command command, String gateway, CommandStatus status, String reason, Instant updatedAt,
                            List<CommandEvent> events) {
    public CommandRecord {
        events = List.copyOf(events);
    }
}
