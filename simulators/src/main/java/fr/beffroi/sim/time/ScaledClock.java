package fr.beffroi.sim.time;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Objects;

/**
 * Simulated time that starts at a chosen instant and runs {@code speed} times faster than a base
 * clock, so a developer can watch a PV day pass in minutes.
 */
public final class ScaledClock extends Clock {

  private final Clock base;
  private final Instant baseStart;
  private final Instant simStart;
  private final double speed;

  private ScaledClock(Clock base, Instant baseStart, Instant simStart, double speed) {
    this.base = base;
    this.baseStart = baseStart;
    this.simStart = simStart;
    this.speed = speed;
  }

  public static ScaledClock starting(Instant simStart, double speed, Clock base) {
    Objects.requireNonNull(simStart, "simStart");
    Objects.requireNonNull(base, "base");
    if (!(speed > 0) || Double.isInfinite(speed)) {
      throw new IllegalArgumentException("speed must be a positive finite number, got " + speed);
    }
    return new ScaledClock(base, base.instant(), simStart, speed);
  }

  @Override
  public Instant instant() {
    Duration elapsed = Duration.between(baseStart, base.instant());
    long scaledNanos = Math.round(elapsed.toNanos() * speed);
    return simStart.plusNanos(scaledNanos);
  }

  @Override
  public ZoneId getZone() {
    return base.getZone();
  }

  @Override
  public Clock withZone(ZoneId zone) {
    return new ScaledClock(base.withZone(zone), baseStart, simStart, speed);
  }
}
