package fr.beffroi.sim.model.water;

import java.time.ZoneId;
import java.util.List;
import java.util.Objects;

/**
 * A district meter at the entry of a network sector.
 *
 * @param name           for people and logs
 * @param meanFlowM3h    the daily mean consumption flow, m³/h
 * @param dailySigma     standard deviation of a day's factor around 1 (weather, weekday): 0.05
 * @param noiseSigma     standard deviation of the 5-minute noise factor around 1: 0.05
 * @param zone           local time zone of the consumers' day
 * @param leaks          leaks on the sector
 * @param seed           seeds the day factors and the noise
 */
public record DistrictMeterConfig(String name, double meanFlowM3h, double dailySigma, double noiseSigma,
    ZoneId zone, List<Leak> leaks, long seed) {

  public DistrictMeterConfig {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(zone, "zone");
    leaks = List.copyOf(leaks);
    if (!(meanFlowM3h > 0) || Double.isInfinite(meanFlowM3h)) {
      throw new IllegalArgumentException(name + ": mean flow must be positive, got " + meanFlowM3h);
    }
    if (!(dailySigma >= 0 && dailySigma < 0.3) || !(noiseSigma >= 0 && noiseSigma < 0.3)) {
      throw new IllegalArgumentException(name + ": sigmas must be in [0, 0.3)");
    }
  }

  /** A village sector of about 1,500 inhabitants: 20 m³/h on average, no leak. */
  public static DistrictMeterConfig village(long seed) {
    return new DistrictMeterConfig("secteur-nord", 20.0, 0.05, 0.05, ZoneId.of("Europe/Paris"), List.of(), seed);
  }

  public DistrictMeterConfig withLeak(Leak leak) {
    List<Leak> all = new java.util.ArrayList<>(leaks);
    all.add(leak);
    return new DistrictMeterConfig(name, meanFlowM3h, dailySigma, noiseSigma, zone, all, seed);
  }
}
