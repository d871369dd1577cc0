package fr.beffroi.sim.model.groundwater;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One piezometer in the chalk: the level model of DOMAIN.md,
 * {@code L(t) = L0 + A_s·cos(2π(doy−80)/365) + A_m·sin(2π(t−t0)/P_m) + drought + pumping + AR(1) noise}.
 *
 * @param meanLevelM       L0, the long-run mean level, m NGF
 * @param groundM          ground elevation at the well head, m NGF (depth = ground − level)
 * @param seasonalM        A_s: 1.0–1.5 m on a plateau, 0.2–0.5 m in a valley
 * @param multiYearM       A_m: 2–4 m
 * @param multiYearPeriod  P_m: 6–8 years
 * @param multiYearOrigin  t0, where the multi-year wave crosses zero going up
 * @param noiseSigmaM      stationary standard deviation of the AR(1) noise, m (1 cm)
 * @param noisePhi         AR(1) coefficient per hourly step (0.98)
 * @param drought          an optional drought drawdown
 * @param pumpings         pumping dips
 * @param meanTemperature  water temperature, °C (chalk water stays near 10.5–11 °C)
 * @param batteryStart     battery at the first sample, %
 * @param batteryPerYear   battery drain, % a year (a lithium cell lasting about 5 years)
 * @param seed             seeds the noise; same seed, same series
 */
public record AquiferConfig(double meanLevelM, double groundM, double seasonalM, double multiYearM,
    Duration multiYearPeriod, Instant multiYearOrigin, double noiseSigmaM, double noisePhi,
    Optional<Drought> drought, List<Pumping> pumpings, double meanTemperature, double batteryStart,
    double batteryPerYear, long seed) {

  /** φ 0.98, σ 1 cm (DOMAIN.md). */
  public static final double NOISE_PHI = 0.98;
  public static final double NOISE_SIGMA_M = 0.01;

  public AquiferConfig {
    Objects.requireNonNull(multiYearPeriod, "multiYearPeriod");
    Objects.requireNonNull(multiYearOrigin, "multiYearOrigin");
    Objects.requireNonNull(drought, "drought");
    pumpings = List.copyOf(pumpings);
    if (!(groundM > meanLevelM)) {
      throw new IllegalArgumentException("the ground (" + groundM + ") must lie above the mean level (" + meanLevelM + ")");
    }
    if (seasonalM < 0 || multiYearM < 0 || noiseSigmaM < 0) {
      throw new IllegalArgumentException("amplitudes and sigma must be >= 0");
    }
    if (!(noisePhi >= 0 && noisePhi < 1)) {
      throw new IllegalArgumentException("noisePhi must be in [0, 1), got " + noisePhi);
    }
    if (multiYearPeriod.isNegative() || multiYearPeriod.isZero()) {
      throw new IllegalArgumentException("multiYearPeriod must be positive");
    }
  }

  /**
   * A plateau piezometer like Cuvilly: mean 72 m NGF under a 110 m ground (38 m deep), seasonal
   * ±1.25 m, multi-year ±3 m over 7 years (rising through 2026-01-01), no drought.
   */
  public static AquiferConfig plateau(long seed) {
    return new AquiferConfig(72.0, 110.0, 1.25, 3.0, Duration.ofDays(7 * 365),
        Instant.parse("2026-01-01T00:00:00Z"), NOISE_SIGMA_M, NOISE_PHI, Optional.empty(), List.of(),
        10.8, 95.0, 19.0, seed);
  }

  /** A valley piezometer: shallow (4 m under a 42 m ground), seasonal ±0.35 m, multi-year ±2 m. */
  public static AquiferConfig valley(long seed) {
    return new AquiferConfig(38.0, 42.0, 0.35, 2.0, Duration.ofDays(6 * 365),
        Instant.parse("2026-01-01T00:00:00Z"), NOISE_SIGMA_M, NOISE_PHI, Optional.empty(), List.of(),
        10.9, 95.0, 19.0, seed);
  }

  public AquiferConfig withDrought(Drought d) {
    return new AquiferConfig(meanLevelM, groundM, seasonalM, multiYearM, multiYearPeriod, multiYearOrigin,
        noiseSigmaM, noisePhi, Optional.of(d), pumpings, meanTemperature, batteryStart, batteryPerYear, seed);
  }

  public AquiferConfig withPumping(Pumping p) {
    List<Pumping> all = new java.util.ArrayList<>(pumpings);
    all.add(p);
    return new AquiferConfig(meanLevelM, groundM, seasonalM, multiYearM, multiYearPeriod, multiYearOrigin,
        noiseSigmaM, noisePhi, drought, all, meanTemperature, batteryStart, batteryPerYear, seed);
  }

  /** The same aquifer with only its noise (no seasonal or multi-year wave): for noise statistics. */
  public AquiferConfig noiseOnly() {
    return new AquiferConfig(meanLevelM, groundM, 0, 0, multiYearPeriod, multiYearOrigin,
        noiseSigmaM, noisePhi, Optional.empty(), List.of(), meanTemperature, batteryStart, batteryPerYear, seed);
  }
}
