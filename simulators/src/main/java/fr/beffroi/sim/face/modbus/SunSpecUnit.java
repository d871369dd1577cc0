package fr.beffroi.sim.face.modbus;

import fr.beffroi.sim.model.pv.PvInverterModel;
import java.util.Objects;

/**
 * One inverter behind a Modbus unit id.
 *
 * @param unitId Modbus unit identifier, 1–247
 * @param model the physics served at this unit
 * @param serialNumber model 1 SN, up to 32 ASCII characters
 * @param commonModelLength model 1 L: 66 (current) or 65 (older devices, no pad register)
 * @param mpptExtension whether model 160 (one module per DC input) follows model 103
 */
public record SunSpecUnit(
    int unitId,
    PvInverterModel model,
    String serialNumber,
    int commonModelLength,
    boolean mpptExtension) {

  public static final int COMMON_LENGTH_CURRENT = 66;
  public static final int COMMON_LENGTH_LEGACY = 65;

  public SunSpecUnit {
    Objects.requireNonNull(model, "model");
    Objects.requireNonNull(serialNumber, "serialNumber");
    if (unitId < 1 || unitId > 247) {
      throw new IllegalArgumentException("unitId must be in [1, 247], got " + unitId);
    }
    if (serialNumber.length() > 32 || !serialNumber.chars().allMatch(c -> c >= 0x20 && c < 0x7F)) {
      throw new IllegalArgumentException(
          "serialNumber must be at most 32 printable ASCII characters, got '" + serialNumber + "'");
    }
    if (commonModelLength != COMMON_LENGTH_CURRENT && commonModelLength != COMMON_LENGTH_LEGACY) {
      throw new IllegalArgumentException(
          "commonModelLength must be 66 or 65, got " + commonModelLength);
    }
  }

  /** Unit with a serial number derived from the model's seed and the current model 1 length. */
  public static SunSpecUnit of(int unitId, PvInverterModel model) {
    return new SunSpecUnit(unitId, model,
        String.format("BFR-%08X-%d", model.config().seed() & 0xFFFF_FFFFL, unitId),
        COMMON_LENGTH_CURRENT, false);
  }

  /** A unit without the MPPT extension, as most inverters present themselves. */
  public SunSpecUnit(int unitId, PvInverterModel model, String serialNumber, int commonModelLength) {
    this(unitId, model, serialNumber, commonModelLength, false);
  }

  /** The same unit as an older device would present it: model 1 with L = 65. */
  public SunSpecUnit withLegacyCommonModel() {
    return new SunSpecUnit(unitId, model, serialNumber, COMMON_LENGTH_LEGACY, mpptExtension);
  }

  /** The same unit also serving model 160 after model 103, one module per DC input. */
  public SunSpecUnit withMpptExtension() {
    return new SunSpecUnit(unitId, model, serialNumber, commonModelLength, true);
  }
}
