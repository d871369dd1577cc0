package fr.beffroi.edge.driver.access;

import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * A fixed allow-list, badge to validity interval, for tests and simulators. In production the doors
 * ask {@link AllowListPolicy}, synced from bookings.
 */
public final class StaticAllowList implements AccessPolicy {

    /** When a badge opens the door: {@code from} inclusive, {@code until} exclusive. */
    public record Validity(Instant from, Instant until) {
        public Validity {
            Objects.requireNonNull(from, "from");
            Objects.requireNonNull(until, "until");
            if (!until.isAfter(from)) {
                throw new IllegalArgumentException("validity ends at " + until + ", not after its start " + from);
            }
        }

        boolean contains(Instant at) {
            return !at.isBefore(from) && at.isBefore(until);
        }
    }

    private final Map<String, Validity> badges;

    /** @param badges badge id (any case; compared as upper-case hex) to its validity */
    public StaticAllowList(Map<String, Validity> badges) {
        this.badges = badges.entrySet().stream().collect(java.util.stream.Collectors.toUnmodifiableMap(
                e -> e.getKey().toUpperCase(Locale.ROOT), Map.Entry::getValue));
    }

    @Override
    public AccessDecision decide(String door, String badge, Instant at) {
        Validity v = badges.get(badge.toUpperCase(Locale.ROOT));
        if (v == null) {
            return AccessDecision.deny("unknown badge");
        }
        if (!v.contains(at)) {
            return AccessDecision.deny("outside validity " + v.from() + ".." + v.until());
        }
        return AccessDecision.grant("valid " + v.from() + ".." + v.until());
    }
}
