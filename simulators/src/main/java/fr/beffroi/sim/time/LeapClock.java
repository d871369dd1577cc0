package fr.beffroi.sim.time;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A clock that stands still until told to leap; thread-safe so a server thread can read it while a
 * test moves it. {@link #withZone} views share the same instant.
 */
public final class LeapClock extends Clock {

  private final AtomicReference<Instant> now;
  private final ZoneId zone;

  private LeapClock(AtomicReference<Instant> now, ZoneId zone) {
    this.now = now;
    this.zone = Objects.requireNonNull(zone, "zone");
  }

  public static LeapClock at(Instant start) {
    return new LeapClock(new AtomicReference<>(Objects.requireNonNull(start, "start")), ZoneOffset.UTC);
  }

  /** Moves the clock (a negative duration sets it back, to test how a model copes). */
  public Instant leap(Duration by) {
    Objects.requireNonNull(by, "by");
    return now.updateAndGet(t -> t.plus(by));
  }

  public void set(Instant instant) {
    now.set(Objects.requireNonNull(instant, "instant"));
  }

  @Override
  public Instant instant() {
    return now.get();
  }

  @Override
  public ZoneId getZone() {
    return zone;
  }

  @Override
  public LeapClock withZone(ZoneId other) {
    return new LeapClock(now, other);
  }
}
