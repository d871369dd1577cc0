package fr.beffroi.edge.driver.access;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * Something the door state machine saw happen, before it becomes a {@code Reading}.
 *
 * @param name  the event's name in the {@code access/door-lock} profile
 * @param value its one number (seconds for {@code closed} and {@code heldOpen}, 1 otherwise)
 * @param attrs its text attributes, in profile order
 * @param at    when it happened
 */
record DoorEvent(String name, double value, Map<String, String> attrs, Instant at) {
    DoorEvent {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(at, "at");
        attrs = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(attrs));
    }

    static DoorEvent marker(String name, Instant at) {
        return new DoorEvent(name, 1, Map.of(), at);
    }
}
