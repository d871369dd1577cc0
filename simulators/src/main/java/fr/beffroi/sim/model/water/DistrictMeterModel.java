package fr.beffroi.sim.model.water;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.util.Objects;
import java.util.SplittableRandom;

/**
 * The flow through a district meter: {@code mean × profile(local hour) × day factor × noise + leaks}.
 * The profile is residential (DOMAIN.md: the night minimum, 02:00–05:00, about 25 % of the daily
 * mean; peaks at breakfast and in the evening), interpolated between hours and normalised to a mean
 * of 1. The day factor is drawn per local day, the noise per 5-minute slot, each from a generator
 * seeded by (seed, day or slot), so any instant's flow is found without replaying the past and the
 * series does not depend on the read rate. Stateless and thread-safe.
 */
public final class DistrictMeterModel {

  /** (model) hourly consumption factors of a residential sector, 00:00 to 23:00, before normalising. */
  private static final double[] HOURLY = {
      0.45, 0.32, 0.26, 0.25, 0.26, 0.40, 0.90, 1.50, 1.60, 1.40, 1.25, 1.30,
      1.40, 1.25, 1.05, 1.00, 1.05, 1.20, 1.45, 1.55, 1.35, 1.10, 0.85, 0.60};
  private static final double HOURLY_MEAN = java.util.Arrays.stream(HOURLY).average().orElseThrow();
  private static final long NOISE_SLOT_SECONDS = 300;

  private final DistrictMeterConfig config;
  private final Clock clock;

  public DistrictMeterModel(DistrictMeterConfig config, Clock clock) {
    this.config = Objects.requireNonNull(config, "config");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  public DistrictMeterConfig config() {
    return config;
  }

  /** The flow now, by the injected clock, m³/h. */
  public double flowM3h() {
    return flowM3h(clock.instant());
  }

  /** The flow at {@code at}, m³/h: never negative. */
  public double flowM3h(Instant at) {
    ZonedDateTime local = at.atZone(config.zone());
    double consumption = config.meanFlowM3h() * profile(local) * dayFactor(local.toLocalDate()) * noise(at);
    double leaks = config.leaks().stream().mapToDouble(l -> l.flowAt(at)).sum();
    return Math.max(0, consumption) + leaks;
  }

  /** The normalised daily profile at a local time: mean 1 over the day. */
  static double profile(ZonedDateTime local) {
    double hour = local.getHour() + local.getMinute() / 60.0 + local.getSecond() / 3600.0;
    int h = (int) Math.floor(hour);
    double frac = hour - h;
    double a = HOURLY[h % 24];
    double b = HOURLY[(h + 1) % 24];
    return (a + (b - a) * frac) / HOURLY_MEAN;
  }

  private double dayFactor(LocalDate day) {
    SplittableRandom random = new SplittableRandom(config.seed() * 0x9E3779B97F4A7C15L + day.toEpochDay());
    return 1 + config.dailySigma() * clamp(gaussian(random));
  }

  private double noise(Instant at) {
    long slot = Math.floorDiv(at.getEpochSecond(), NOISE_SLOT_SECONDS);
    SplittableRandom random = new SplittableRandom(config.seed() * 0xBF58476D1CE4E5B9L + slot);
    return 1 + config.noiseSigma() * clamp(gaussian(random));
  }

  /** Bounds a draw to ±3σ: a meter's flow does not jump by half on a freak draw. */
  private static double clamp(double g) {
    return Math.max(-3, Math.min(3, g));
  }

  private static double gaussian(SplittableRandom random) {
    double u1 = 1 - random.nextDouble();
    double u2 = random.nextDouble();
    return Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
  }
}
