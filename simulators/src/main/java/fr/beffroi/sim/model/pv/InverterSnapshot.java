package fr.beffroi.sim.model.pv;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * What the inverter shows at one instant; a protocol face encodes exactly these values.
 *
 * @param acPowerW AC output power, W (0 when sleeping or in fault)
 * @param dcVoltageV DC input voltage, V (0 at night; open-circuit voltage when in fault under sun)
 * @param frequencyHz grid frequency, Hz
 * @param energyWh lifetime AC energy counter, Wh; never decreases
 * @param state SunSpec operating state
 * @param evt1 SunSpec Evt1 bitfield (see {@link Evt1})
 * @param dcInputs the DC inputs (strings on their MPPT trackers) the DC power splits over
 */
public record InverterSnapshot(
    Instant at,
    double acPowerW,
    double dcVoltageV,
    double frequencyHz,
    double energyWh,
    OperatingState state,
    int evt1,
    List<DcInput> dcInputs) {

  public InverterSnapshot {
    Objects.requireNonNull(at, "at");
    Objects.requireNonNull(state, "state");
    dcInputs = List.copyOf(dcInputs);
  }

  /** A snapshot that does not tell its DC inputs apart. */
  public InverterSnapshot(
      Instant at,
      double acPowerW,
      double dcVoltageV,
      double frequencyHz,
      double energyWh,
      OperatingState state,
      int evt1) {
    this(at, acPowerW, dcVoltageV, frequencyHz, energyWh, state, evt1, List.of());
  }
}
