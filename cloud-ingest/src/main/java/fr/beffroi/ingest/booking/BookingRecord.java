package fr.beffroi.ingest.booking;

import fr.beffroi.rules.model.Booking;

import java.time.Instant;
import java.util.Objects;

/**
 * A booking as stored.
 *
 * @param id          generated at creation
 * @param tenant      the commune (the creating user's)
 * @param room        the room id, as rule files and the {@code rooms:} config name it
 * @param start       slot start
 * @param end         slot end, after start
 * @param badge       the holder's badge (upper-case hex) or door code, as the reader gives it
 * @param createdBy   {@code user:<name>}
 * @param createdAt   when it was made
 * @param updatedAt   when it last changed
 * @param cancelledAt when it was cancelled; null while it stands
 */
public record BookingRecord(String id, String tenant, String room, Instant start, Instant end, String badge,
                            String createdBy, Instant createdAt, Instant updatedAt, Instant cancelledAt) {
    public BookingRecord {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(tenant, "tenant");
        Objects.requireNonNull(room, "room");
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(end, "end");
        Objects.requireNonNull(badge, "badge");
        Objects.requireNonNull(createdBy, "createdBy");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(updatedAt, "updatedAt");
    }

    public boolean cancelled() {
        return cancelledAt != null;
    }

    /** The booking as the rules engine takes it; the holder it sees is who booked, not the badge. */
    public Booking toRules() {
        return new Booking(id, tenant, room, start, end, createdBy);
    }
}
