package fr.beffroi.sim.model.building;

import java.util.Objects;

/**
 * One heating zone as a one-node RC model: {@code C dT/dt = P_heat − UA (T_in − T_out) + gains},
 * with {@code C = UA × τ}.
 *
 * @param name             for people and logs ({@code classe-1}, {@code salle})
 * @param uaKwPerK         heat loss coefficient UA (kW/K): envelope and ventilation
 * @param timeConstantH    τ = C / UA in hours: 30 (light gym) to 60 (heavy school)
 * @param comfortC         comfort setpoint: 19 °C, 14 °C in a sports hall
 * @param heaterKw         emitter output at the heating curve's design point (−10 °C outside)
 * @param occupancyGainKw  heat from people while the zone is occupied
 * @param lightKwPerCircuit heat from one lighting circuit while on
 * @param occupancy        when the zone is scheduled to be occupied
 * @param initialC         room temperature at the start
 * @param initialMode      mode at the start
 */
public record ZoneConfig(String name, double uaKwPerK, double timeConstantH, double comfortC, double heaterKw,
    double occupancyGainKw, double lightKwPerCircuit, Occupancy occupancy, double initialC, ZoneMode initialMode) {

  public ZoneConfig {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(occupancy, "occupancy");
    Objects.requireNonNull(initialMode, "initialMode");
    positive(name, "uaKwPerK", uaKwPerK);
    positive(name, "timeConstantH", timeConstantH);
    positive(name, "heaterKw", heaterKw);
    if (occupancyGainKw < 0 || lightKwPerCircuit < 0) {
      throw new IllegalArgumentException(name + ": gains cannot be negative");
    }
  }

  /**
   * A zone whose emitters deliver 40 × UA at the design point: enough to hold 19 °C at −10 °C
   * (29 × UA) with a margin to recover from a night in réduit.
   */
  public static ZoneConfig of(String name, double uaKwPerK, double timeConstantH, double comfortC,
      double occupancyGainKw, Occupancy occupancy) {
    return new ZoneConfig(name, uaKwPerK, timeConstantH, comfortC, 40 * uaKwPerK, occupancyGainKw, 0.3,
        occupancy, comfortC, ZoneMode.CONFORT);
  }

  public ZoneConfig withInitial(double celsius, ZoneMode mode) {
    return new ZoneConfig(name, uaKwPerK, timeConstantH, comfortC, heaterKw, occupancyGainKw, lightKwPerCircuit,
        occupancy, celsius, mode);
  }

  /** Heat capacity C in kWh/K. */
  public double capacityKwhPerK() {
    return uaKwPerK * timeConstantH;
  }

  private static void positive(String name, String what, double v) {
    if (!(v > 0) || Double.isInfinite(v)) {
      throw new IllegalArgumentException(name + ": " + what + " must be positive, got " + v);
    }
  }
}
