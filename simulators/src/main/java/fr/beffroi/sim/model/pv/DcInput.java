package fr.beffroi.sim.model.pv;

import java.util.Objects;

/**
 * One DC input (an MPPT tracker and its string) at one instant.
 *
 * @param name label of the string, at most 16 ASCII characters (SunSpec 160 IDStr)
 * @param powerW DC power, W
 * @param voltageV DC voltage, V (open-circuit voltage when the inverter does not draw power)
 * @param energyWh lifetime DC energy of the input, Wh; never decreases
 */
public record DcInput(String name, double powerW, double voltageV, double energyWh) {

  public DcInput {
    Objects.requireNonNull(name, "name");
  }

  /** DC current, A: P / V, 0 when no voltage. */
  public double currentA() {
    return voltageV > 0 ? powerW / voltageV : 0;
  }
}
