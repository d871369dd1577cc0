package fr.beffroi.sim.model.groundwater;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * A nearby pump running for a while: the level draws down towards {@code dropM} (time constant 2 h)
 * while it runs, then recovers (time constant 3 h). DOMAIN.md: −0.2 to −0.5 m for hours.
 *
 * @param start    when the pump starts
 * @param duration how long it runs
 * @param dropM    the drawdown it tends to, m (positive)
 */
public record Pumping(Instant start, Duration duration, double dropM) {
  private static final double FALL_HOURS = 2;
  private static final double RECOVERY_HOURS = 3;

  public Pumping {
    Objects.requireNonNull(start, "start");
    Objects.requireNonNull(duration, "duration");
    if (duration.isNegative() || duration.isZero() || !(dropM >= 0)) {
      throw new IllegalArgumentException("duration must be positive and dropM >= 0");
    }
  }

  /** The (negative) offset of the level at {@code t}, m. */
  double offsetAt(Instant t) {
    double h = Duration.between(start, t).toSeconds() / 3600.0;
    if (h <= 0) {
      return 0;
    }
    double runH = duration.toSeconds() / 3600.0;
    if (h < runH) {
      return -dropM * (1 - Math.exp(-h / FALL_HOURS));
    }
    double atStop = dropM * (1 - Math.exp(-runH / FALL_HOURS));
    return -atStop * Math.exp(-(h - runH) / RECOVERY_HOURS);
  }
}
