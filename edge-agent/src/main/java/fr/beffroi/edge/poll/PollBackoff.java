package fr.beffroi.edge.poll;

import java.time.Duration;

/**
 * How long to wait before polling a failing device again: doubling from {@code initial} after each
 * consecutive failure, capped at {@code max}, and never sooner than the device's own interval.
 */
public record PollBackoff(Duration initial, Duration max) {
    public static final PollBackoff DEFAULT = new PollBackoff(Duration.ofSeconds(1), Duration.ofMinutes(5));

    public PollBackoff {
        if (initial.isNegative() || initial.isZero()) throw new IllegalArgumentException("initial must be > 0");
        if (max.compareTo(initial) < 0) throw new IllegalArgumentException("max must be >= initial");
    }

    /** The wait after the {@code failures}-th consecutive failure (1 = first). */
    public Duration delayAfter(int failures, Duration interval) {
        int doublings = Math.min(Math.max(failures - 1, 0), 30);
        Duration backoff = initial.multipliedBy(1L << doublings);
        if (backoff.compareTo(max) > 0) backoff = max;
        return backoff.compareTo(interval) < 0 ? interval : backoff;
    }
}
