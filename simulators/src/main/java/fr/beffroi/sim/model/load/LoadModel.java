package fr.beffroi.sim.model.load;

import java.time.Clock;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.util.Objects;
import java.util.SplittableRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A building's electrical load: the base load is a pure function of (seed, instant) — standby,
 * a one-hour ramp up to the working-day plateau, a one-hour ramp down, standby at weekends, times a
 * noise factor drawn per 5-minute slot — and the water heater draws its full power while its relay
 * is on. The heater has no tank model: it draws whenever switched on (a tank at temperature would cut
 * it; a load-shifting rule must not rely on that). Thread-safe.
 */
public final class LoadModel {

  private static final Logger LOG = LoggerFactory.getLogger(LoadModel.class);
  private static final long NOISE_SLOT_SECONDS = 300;
  private static final Duration RAMP = Duration.ofHours(1);

  private final LoadConfig config;
  private final Clock clock;
  private boolean heaterOn;

  public LoadModel(LoadConfig config, Clock clock) {
    this.config = Objects.requireNonNull(config, "config");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  public LoadConfig config() {
    return config;
  }

  /** Switches the water heater's relay, from now on. */
  public synchronized void setWaterHeater(boolean on) {
    if (on != heaterOn) {
      LOG.info("load {}: water heater {}", config.name(), on ? "on" : "off");
    }
    heaterOn = on;
  }

  public synchronized boolean waterHeaterOn() {
    return heaterOn;
  }

  /** The load now, by the injected clock. */
  public LoadSnapshot snapshot() {
    return snapshot(clock.instant());
  }

  /** The load at {@code at} under the relay's current state. */
  public synchronized LoadSnapshot snapshot(Instant at) {
    double base = baseKw(at);
    double heater = heaterOn ? config.heaterKw() : 0;
    return new LoadSnapshot(at, base, heaterOn, heater, base + heater);
  }

  /** Everything but the water heater at {@code at}, kW. */
  public double baseKw(Instant at) {
    ZonedDateTime local = at.atZone(config.zone());
    double open = openShare(local);
    double kw = config.standbyKw() + (config.openKw() - config.standbyKw()) * open;
    return Math.max(0, kw * noise(at));
  }

  /** 0 closed, 1 on the plateau, linear on the ramps; 0 at weekends. */
  private double openShare(ZonedDateTime local) {
    DayOfWeek day = local.getDayOfWeek();
    if (day == DayOfWeek.SATURDAY || day == DayOfWeek.SUNDAY) {
      return 0;
    }
    double s = local.toLocalTime().toSecondOfDay();
    double opens = config.opens().toSecondOfDay();
    double closes = config.closes().toSecondOfDay();
    double ramp = RAMP.toSeconds();
    if (s <= opens - ramp || s >= closes + ramp) {
      return 0;
    }
    if (s < opens) {
      return (s - (opens - ramp)) / ramp;
    }
    if (s <= closes) {
      return 1;
    }
    return (closes + ramp - s) / ramp;
  }

  private double noise(Instant at) {
    long slot = Math.floorDiv(at.getEpochSecond(), NOISE_SLOT_SECONDS);
    SplittableRandom random = new SplittableRandom(config.seed() * 0x9E3779B97F4A7C15L + slot);
    double u1 = 1 - random.nextDouble();
    double u2 = random.nextDouble();
    double g = Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
    return 1 + config.noiseSigma() * Math.max(-3, Math.min(3, g));
  }

}
