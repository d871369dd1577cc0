package fr.beffroi.sim.model.pv;

import java.util.Objects;

/**
 * One simulated inverter and its array.
 *
 * @param seed drives clouds and grid-frequency noise; same seed, same series
 * @param peakKw array peak power (kWc)
 * @param site location and orientation of the array
 * @param clouds false for a clear sky every day (predictable demos and calibration)
 * @param initialEnergyWh lifetime counter at the model's creation instant
 */
public record PvInverterConfig(
    long seed, double peakKw, PvSite site, boolean clouds, double initialEnergyWh) {

  public PvInverterConfig {
    Objects.requireNonNull(site, "site");
    if (!(peakKw > 0 && peakKw <= 10_000)) {
      throw new IllegalArgumentException("peakKw must be in (0, 10000], got " + peakKw);
    }
    if (!(initialEnergyWh >= 0) || Double.isInfinite(initialEnergyWh)) {
      throw new IllegalArgumentException(
          "initialEnergyWh must be a finite value >= 0, got " + initialEnergyWh);
    }
  }

  /** The Oise roof with seeded clouds and a counter starting at 0 Wh. */
  public static PvInverterConfig oise(long seed, double peakKw) {
    return new PvInverterConfig(seed, peakKw, PvSite.OISE_ROOF, true, 0);
  }

  public PvInverterConfig withClearSky() {
    return new PvInverterConfig(seed, peakKw, site, false, initialEnergyWh);
  }

  public PvInverterConfig withInitialEnergyWh(double wh) {
    return new PvInverterConfig(seed, peakKw, site, clouds, wh);
  }
}
