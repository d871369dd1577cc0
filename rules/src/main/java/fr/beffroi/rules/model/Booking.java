package fr.beffroi.rules.model;

import java.time.Instant;
import java.util.Objects;

/**
 * A reservation of a municipal room, as the booking service tells the engine.
 *
 * @param holder who booked (association, person); informative only
 */
public record Booking(String id, String tenant, String room, Instant start, Instant end, String holder) {
    public Booking {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(tenant, "tenant");
        Objects.requireNonNull(room, "room");
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(end, "end");
        Objects.requireNonNull(holder, "holder");
        if (end.isBefore(start)) {
            throw new IllegalArgumentException("booking " + id + " ends before it starts");
        }
    }

    public boolean ongoingAt(Instant t) {
        return !t.isBefore(start) && t.isBefore(end);
    }
}
