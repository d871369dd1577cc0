package fr.beffroi.sim.model.building;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.SplittableRandom;

/**
 * Outdoor temperature in the Oise: the monthly normals halfway between Paris and Lille (DOMAIN.md),
 * interpolated between mid-months, plus a daily cycle (coldest near 05:00 UTC, warmest near 14:00
 * UTC) and a seeded day-to-day weather anomaly interpolated between midnights. A pure function of
 * (seed, instant).
 */
public final class OiseClimate implements OutdoorClimate {

  /** Paris normals, January to December (°C). */
  private static final double[] PARIS = {3.4, 4.1, 7.6, 10.7, 14.3, 17.5, 19.1, 18.7, 16.0, 11.4, 7.1, 4.3};
  /** Lille normals, January to December (°C). */
  private static final double[] LILLE = {2.4, 2.9, 6.0, 8.9, 12.4, 15.3, 17.1, 17.1, 14.7, 10.4, 6.1, 3.5};
  /** (model) half the usual daily range of a temperate inland climate, about 7 K peak to peak. */
  private static final double DAILY_AMPLITUDE_K = 3.5;
  private static final double WARMEST_HOUR_UTC = 14.0;
  /** (model) standard deviation of a day's departure from the normal. */
  private static final double ANOMALY_SIGMA_K = 2.5;

  private final long seed;

  public OiseClimate(long seed) {
    this.seed = seed;
  }

  /** The monthly normal of the Oise for a month (1..12): the mean of Paris and Lille. */
  public static double normalC(int month) {
    return (PARIS[month - 1] + LILLE[month - 1]) / 2;
  }

  @Override
  public double temperatureC(Instant at) {
    ZonedDateTime t = at.atZone(ZoneOffset.UTC);
    double hour = t.getHour() + t.getMinute() / 60.0 + t.getSecond() / 3600.0;
    return seasonal(t) + DAILY_AMPLITUDE_K * Math.cos(2 * Math.PI * (hour - WARMEST_HOUR_UTC) / 24) + anomaly(at);
  }

  /** Linear between the normals, each placed at the middle of its month (day 15.5 of 30.44). */
  private static double seasonal(ZonedDateTime t) {
    double monthPos = t.getMonthValue() - 1 + (t.getDayOfMonth() - 1 + t.getHour() / 24.0) / t.toLocalDate().lengthOfMonth()
        - 0.5;
    int below = (int) Math.floor(monthPos);
    double frac = monthPos - below;
    double a = normalC(Math.floorMod(below, 12) + 1);
    double b = normalC(Math.floorMod(below + 1, 12) + 1);
    return a + (b - a) * frac;
  }

  private double anomaly(Instant at) {
    long day = Math.floorDiv(at.getEpochSecond(), 86_400);
    double frac = (at.getEpochSecond() - day * 86_400) / 86_400.0;
    double a = dayAnomaly(day);
    double b = dayAnomaly(day + 1);
    return a + (b - a) * frac;
  }

  private double dayAnomaly(long day) {
    // one generator per (seed, day): any instant's value is found without replaying earlier days
    SplittableRandom random = new SplittableRandom(seed * 0x9E3779B97F4A7C15L + day);
    return ANOMALY_SIGMA_K * gaussian(random);
  }

  private static double gaussian(SplittableRandom random) {
    double u1 = 1 - random.nextDouble();
    double u2 = random.nextDouble();
    return Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
  }

}
