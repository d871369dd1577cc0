package fr.beffroi.sim.model.groundwater;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Objects;
import java.util.SplittableRandom;

/**
 * A piezometer taking one sample at the top of every hour. The deterministic part of the level is
 * a pure function of the instant; the AR(1) noise is state, advanced one hourly step at a time
 * from the first sample with a generator seeded by the config, so the series depends on the seed
 * only, never on how often or when it is read. Reading before the latest sample returns the latest
 * sample (time does not run backwards for a probe). Thread-safe: a protocol face reads it while a
 * test moves the clock.
 */
public final class AquiferModel {

  private static final double SECONDS_PER_YEAR = 365.25 * 86_400;
  /** Day of year of the seasonal maximum (DOMAIN.md: late March). */
  private static final double PEAK_DOY = 80;
  /** The water temperature lags the seasons: warmest in autumn, by ±0.15 °C. */
  private static final double TEMPERATURE_SWING = 0.15;
  private static final double TEMPERATURE_PEAK_DOY = 260;

  private final AquiferConfig config;
  private final Clock clock;
  private final Instant first;
  private final SplittableRandom random;
  private final double innovationSigma;

  /** Guarded by {@code this}: the latest sample and its noise. */
  private ProbeSample latest;
  private double noise;

  /** First sample at the top of the clock's current hour. */
  public AquiferModel(AquiferConfig config, Clock clock) {
    this(config, clock, clock.instant().truncatedTo(ChronoUnit.HOURS));
  }

  public AquiferModel(AquiferConfig config, Clock clock, Instant firstSample) {
    this.config = Objects.requireNonNull(config, "config");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.first = firstSample.truncatedTo(ChronoUnit.HOURS);
    this.random = new SplittableRandom(config.seed());
    // σ is the stationary deviation: the innovation is σ·√(1−φ²)
    this.innovationSigma = config.noiseSigmaM() * Math.sqrt(1 - config.noisePhi() * config.noisePhi());
    // start in the stationary distribution, so the first hours look like any others
    this.noise = config.noiseSigmaM() * random.nextGaussian();
    this.latest = sample(first, noise);
  }

  public AquiferConfig config() {
    return config;
  }

  public Clock clock() {
    return clock;
  }

  /** The latest hourly sample at the clock's instant. */
  public ProbeSample snapshot() {
    return sampleAt(clock.instant());
  }

  /** The latest hourly sample at {@code at}, stepping the noise hour by hour up to it. */
  public synchronized ProbeSample sampleAt(Instant at) {
    while (!latest.time().plus(Duration.ofHours(1)).isAfter(at)) {
      Instant next = latest.time().plus(Duration.ofHours(1));
      noise = config.noisePhi() * noise + innovationSigma * random.nextGaussian();
      latest = sample(next, noise);
    }
    return latest;
  }

  /** The deterministic part of the level at {@code t} (no noise), m NGF. */
  public double meanLevelAt(Instant t) {
    double doy = dayOfYear(t);
    double seasonal = config.seasonalM() * Math.cos(2 * Math.PI * (doy - PEAK_DOY) / 365.0);
    double years = Duration.between(config.multiYearOrigin(), t).toSeconds() / SECONDS_PER_YEAR;
    double periodYears = config.multiYearPeriod().toSeconds() / SECONDS_PER_YEAR;
    double multiYear = config.multiYearM() * Math.sin(2 * Math.PI * years / periodYears);
    double drought = config.drought().map(d -> d.offsetAt(t)).orElse(0.0);
    double pumping = config.pumpings().stream().mapToDouble(p -> p.offsetAt(t)).sum();
    return config.meanLevelM() + seasonal + multiYear + drought + pumping;
  }

  private ProbeSample sample(Instant t, double noiseM) {
    double level = meanLevelAt(t) + noiseM;
    double doy = dayOfYear(t);
    double temperature = config.meanTemperature()
        + TEMPERATURE_SWING * Math.cos(2 * Math.PI * (doy - TEMPERATURE_PEAK_DOY) / 365.0);
    double years = Duration.between(first, t).toSeconds() / SECONDS_PER_YEAR;
    double battery = Math.max(0, config.batteryStart() - config.batteryPerYear() * years);
    return new ProbeSample(t, level, config.groundM() - level, temperature, battery);
  }

  /** Fractional day of year, 1 at 1 January 00:00 UTC. */
  static double dayOfYear(Instant t) {
    var utc = t.atOffset(ZoneOffset.UTC);
    return utc.getDayOfYear() + utc.toLocalTime().toSecondOfDay() / 86_400.0;
  }
}
