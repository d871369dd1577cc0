package fr.beffroi.sim.model.access;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * One person at the door.
 *
 * @param at       when they arrive
 * @param kind     what they do
 * @param badge    the badge they present (upper-case hex), for {@link Kind#BADGE} and {@link Kind#HELD_OPEN}
 * @param holdOpen how long they keep the door open once it is open
 */
public record Visit(Instant at, Kind kind, String badge, Duration holdOpen) {

    public enum Kind {
        /** Presents a badge, opens the door if the lock releases, gives up otherwise. */
        BADGE,
        /** Leaves: presses the exit button, then opens the door once it releases. */
        EXIT,
        /** Opens the door without releasing it (a forced entry, a door pushed against a weak strike). */
        FORCED,
        /** Presents a badge and props the door open (a delivery, a door wedged for a match). */
        HELD_OPEN
    }

    public Visit {
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(holdOpen, "holdOpen");
        if ((kind == Kind.BADGE || kind == Kind.HELD_OPEN) && (badge == null || badge.isBlank())) {
            throw new IllegalArgumentException(kind + " visit needs a badge");
        }
    }

    public static Visit badge(Instant at, String badge, Duration holdOpen) {
        return new Visit(at, Kind.BADGE, badge, holdOpen);
    }

    public static Visit exit(Instant at, Duration holdOpen) {
        return new Visit(at, Kind.EXIT, null, holdOpen);
    }

    public static Visit forced(Instant at, Duration holdOpen) {
        return new Visit(at, Kind.FORCED, null, holdOpen);
    }

    public static Visit heldOpen(Instant at, String badge, Duration holdOpen) {
        return new Visit(at, Kind.HELD_OPEN, badge, holdOpen);
    }
}
