package fr.beffroi.edge.uplink;

import java.time.Duration;
import java.util.Objects;
import java.util.function.DoubleSupplier;

/**
 * Exponential backoff with jitter, for reconnects and refused publishes: attempt {@code n} waits
 * between half and all of {@code min·2^(n-1)} (capped at {@code max}), so that a village's
 * gateways coming back after a power cut do not all knock on the broker in the same second.
 *
 * @param random a source of uniform values in [0, 1) ({@code ThreadLocalRandom.current()::nextDouble}
 *               in production, a constant in tests)
 */
public record Backoff(Duration min, Duration max, DoubleSupplier random) {
    public Backoff {
        Objects.requireNonNull(random, "random");
        if (min.isNegative() || min.isZero()) throw new IllegalArgumentException("min must be > 0");
        if (max.compareTo(min) < 0) throw new IllegalArgumentException("max must be >= min");
    }

    /** The wait before attempt {@code attempt} (1 = the first retry). */
    public Duration delay(int attempt) {
        int doublings = Math.min(Math.max(attempt - 1, 0), 30);
        long capMillis = Math.min(max.toMillis(), min.toMillis() * (1L << doublings));
        long half = capMillis / 2;
        long jitter = (long) (random.getAsDouble() * (capMillis - half));
        return Duration.ofMillis(Math.max(half + jitter, 1));
    }
}
