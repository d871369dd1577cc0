package fr.beffroi.sim.model.building;

/**
 * The four heating modes of the Code de l'énergie (R241-26/27). The names match the symbols of the
 * {@code bms/modbus-building} profile, which gives their register values.
 */
public enum ZoneMode {
  /** Heating off: no setpoint, the room follows the weather. */
  ARRET,
  /** Frost protection, 8 °C: empty for more than 48 h. */
  HORS_GEL,
  /** Reduced: 3 K under the comfort setpoint (16 °C for 19 °C), empty for 24–48 h or at night. */
  REDUIT,
  /** Occupied: the comfort setpoint (19 °C, 14 °C in a sports hall). */
  CONFORT;

  static final double HORS_GEL_C = 8.0;
  static final double REDUIT_OFFSET_K = 3.0;

  /** The setpoint this mode asks for, given the zone's comfort setpoint; NaN when off. */
  public double setpoint(double comfortC) {
    return switch (this) {
      case ARRET -> Double.NaN;
      case HORS_GEL -> HORS_GEL_C;
      case REDUIT -> comfortC - REDUIT_OFFSET_K;
      case CONFORT -> comfortC;
    };
  }
}
