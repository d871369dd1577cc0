package fr.beffroi.sim.model.pv;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.Month;
import java.time.ZoneOffset;
import java.util.SplittableRandom;

/**
 * Seeded clouds: a daily clearness index drawn from a Beta distribution whose mean makes each month
 * yield DOMAIN.md's kWh/kWc, and, from April to September, 5-minute cloud transients (a passing cloud
 * dims one slot to 30–70 %). Every value is a pure function of (seed, instant), so the same seed gives
 * the same series whatever the order or rate of the reads.
 */
public final class SeededSky implements Sky {

  /** DOMAIN.md (model): kWh per kWc per month, January first. */
  static final double[] MONTHLY_KWH_PER_KWC = {30, 45, 79, 104, 117, 120, 125, 116, 92, 64, 35, 25};

  /** Beta concentration α+β: larger means days closer to the monthly mean. */
  private static final double CONCENTRATION = 5.0;
  private static final long TRANSIENT_SLOT_SECONDS = 300;
  /** Largest clearness a cloud edge can give (brief enhancement over clear sky). */
  private static final double MAX_CLEARNESS = 1.1;

  private final long seed;
  private final PvSite site;
  private final double[] monthlyMeanClearness;

  public SeededSky(long seed, PvSite site, double performanceRatio) {
    this.seed = seed;
    this.site = site;
    this.monthlyMeanClearness = monthlyMeanClearness(site, performanceRatio);
  }

  @Override
  public double clearness(Instant at) {
    LocalDate day = at.atZone(site.zone()).toLocalDate();
    double daily = dailyClearness(day);
    if (!hasTransients(day.getMonth())) {
      return daily;
    }
    long slot = Math.floorDiv(at.getEpochSecond(), TRANSIENT_SLOT_SECONDS);
    double into = (at.getEpochSecond() - slot * TRANSIENT_SLOT_SECONDS + at.getNano() / 1e9)
        / TRANSIENT_SLOT_SECONDS;
    // Interpolated between slot starts so power stays continuous and the energy counter integrates it well.
    double passing = transientFactor(slot, daily) * (1 - into)
        + transientFactor(slot + 1, daily) * into;
    return Math.min(MAX_CLEARNESS, daily * passing);
  }

  /** The day's clearness index, in (0, 1). */
  public double dailyClearness(LocalDate day) {
    double mean = monthlyMeanClearness[day.getMonthValue() - 1];
    SplittableRandom random = new SplittableRandom(mix(seed, 0x5EED_DA11L, day.toEpochDay()));
    return beta(random, mean * CONCENTRATION, (1 - mean) * CONCENTRATION);
  }

  private static boolean hasTransients(Month month) {
    return month.getValue() >= Month.APRIL.getValue()
        && month.getValue() <= Month.SEPTEMBER.getValue();
  }

  /**
   * Multiplier for one 5-minute slot. Partly cloudy days (clearness near 0.5) have the most passing
   * clouds; the multiplier is normalised so that it averages 1 and keeps the daily energy.
   */
  private double transientFactor(long slot, double daily) {
    double probability = 2 * daily * (1 - daily);
    double meanDepth = 0.5;
    double normaliser = 1 - probability * (1 - meanDepth);
    SplittableRandom random = new SplittableRandom(mix(seed, 0xC10D_5107L, slot));
    double factor = random.nextDouble() < probability ? 0.3 + 0.4 * random.nextDouble() : 1.0;
    return factor / normaliser;
  }

  /**
   * Mean clearness per month = target yield / clear-sky yield; the clear-sky yield is integrated on
   * the 15th of the month, 5-minute steps.
   */
  private static double[] monthlyMeanClearness(PvSite site, double performanceRatio) {
    double[] means = new double[12];
    for (int m = 0; m < 12; m++) {
      LocalDate day = LocalDate.of(2025, m + 1, 15);
      Instant start = day.atStartOfDay(ZoneOffset.UTC).toInstant();
      double kwhPerKwc = 0;
      Duration step = Duration.ofMinutes(5);
      for (Instant t = start; t.isBefore(start.plus(Duration.ofDays(1))); t = t.plus(step)) {
        kwhPerKwc += ClearSky.planeOfArrayWm2(site, t) / 1000 * performanceRatio / 12;
      }
      double clearMonth = kwhPerKwc * day.lengthOfMonth();
      means[m] = Math.max(0.1, Math.min(0.9, MONTHLY_KWH_PER_KWC[m] / clearMonth));
    }
    return means;
  }

  /** Beta(a, b) as X/(X+Y) with X ~ Gamma(a), Y ~ Gamma(b). */
  private static double beta(SplittableRandom random, double a, double b) {
    double x = gamma(random, a);
    double y = gamma(random, b);
    return x / (x + y);
  }

  /** Marsaglia and Tsang (2000); shape < 1 boosted by U^(1/shape). */
  private static double gamma(SplittableRandom random, double shape) {
    if (shape < 1) {
      double u = random.nextDouble();
      return gamma(random, shape + 1) * Math.pow(u, 1 / shape);
    }
    double d = shape - 1.0 / 3;
    double c = 1 / Math.sqrt(9 * d);
    while (true) {
      double x = gaussian(random);
      double v = 1 + c * x;
      if (v <= 0) {
        continue;
      }
      v = v * v * v;
      double u = random.nextDouble();
      if (Math.log(u) < 0.5 * x * x + d - d * v + d * Math.log(v)) {
        return d * v;
      }
    }
  }

  /** Box–Muller; SplittableRandom has no nextGaussian on Java 17. */
  private static double gaussian(SplittableRandom random) {
    double u1 = 1 - random.nextDouble();
    double u2 = random.nextDouble();
    return Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
  }

  /** Derives an independent stream seed from (seed, purpose, index). */
  static long mix(long seed, long purpose, long index) {
    long z = seed * 0x9E3779B97F4A7C15L + purpose * 0xBF58476D1CE4E5B9L + index;
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }
}
