package fr.beffroi.sim.model.water;

import java.time.Instant;
import java.util.Objects;

/**
 * A leak on the sector's mains: a constant extra flow from {@code start} on (a leak runs day and
 * night until it is found, which is why it shows at night, when consumption is lowest).
 *
 * @param start   when it begins
 * @param flowM3h how much it loses, m³/h (positive)
 */
public record Leak(Instant start, double flowM3h) {
  public Leak {
    Objects.requireNonNull(start, "start");
    if (!(flowM3h > 0) || Double.isInfinite(flowM3h)) {
      throw new IllegalArgumentException("leak flow must be positive, got " + flowM3h);
    }
  }

  double flowAt(Instant t) {
    return t.isBefore(start) ? 0 : flowM3h;
  }
}
