package fr.beffroi.edge.driver.access;

import fr.beffroi.profiles.wire.AllowList;

import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Badge access from the latest allow-list the cloud sent (from the bookings). A badge opens a door
 * when an entry for that door and badge has {@code from - 15 min <= at < until} and {@code at} is
 * before the list's {@code validUntil}; past that horizon every badge is denied until a newer list
 * comes (a bounded offline validity). Reasons name the booking, never the person.
 * <p>
 * Lists are installed by the allow-list downlink (and from the store at start-up); an older or
 * equal version than the one held is ignored. Read by the door drivers' threads: the list is one
 * immutable value behind a volatile field.
 */
public final class AllowListPolicy implements AccessPolicy {
    /** A booking's badge opens the door this long before its slot starts. */
    public static final Duration EARLY = Duration.ofMinutes(15);

    private volatile AllowList current;

    /**
     * Installs a list if it is newer than the one held.
     *
     * @return false, and nothing changed, when its version is not above the current one
     */
    public synchronized boolean install(AllowList list) {
        if (current != null && list.version() <= current.version()) return false;
        current = list;
        return true;
    }

    /** The list in force, if any was received. */
    public Optional<AllowList> current() {
        return Optional.ofNullable(current);
    }

    @Override
    public AccessDecision decide(String door, String badge, Instant at) {
        AllowList list = current;
        if (list == null) return AccessDecision.deny("no allow-list received yet");
        if (!at.isBefore(list.validUntil())) {
            return AccessDecision.deny("allow-list expired at " + list.validUntil() + " (version " + list.version()
                    + "), no newer one received");
        }
        String b = badge.toUpperCase(Locale.ROOT);
        List<AllowList.Entry> mine = list.entries().stream()
                .filter(e -> e.door().equals(door) && e.badge().toUpperCase(Locale.ROOT).equals(b))
                .sorted(Comparator.comparing(AllowList.Entry::from)).toList();
        if (mine.isEmpty()) return AccessDecision.deny("no booking for this badge on this door");
        for (AllowList.Entry e : mine) {
            if (!at.isBefore(e.from().minus(EARLY)) && at.isBefore(e.until())) {
                return AccessDecision.grant("booking " + e.bookingId() + " " + e.from() + ".." + e.until());
            }
        }
        // The next slot to come if any, else the last one gone: the one a person would argue about.
        AllowList.Entry nearest = mine.stream().filter(e -> at.isBefore(e.from().minus(EARLY))).findFirst()
                .orElse(mine.get(mine.size() - 1));
        String when = at.isBefore(nearest.from().minus(EARLY)) ? "opens at " + nearest.from().minus(EARLY)
                : "ended at " + nearest.until();
        return AccessDecision.deny("outside booking " + nearest.bookingId() + " " + nearest.from() + ".."
                + nearest.until() + ": " + when);
    }
}
