package fr.beffroi.sim.face.modbusrtu;

import fr.beffroi.sim.model.groundwater.ProbeSample;

/**
 * The probe's registers, as {@code profiles/groundwater/modbus-rtu-probe.yaml} describes them.
 * Input registers (function 4): 0–1 level int32 mm NGF, 2 depth uint16 cm, 3 temperature int16
 * 0.01 °C, 4 battery uint16 0.1 %. Holding registers (function 3): 0 ground elevation uint16 cm
 * NGF, 1 measurement interval uint16 min.
 */
public final class ProbeRegisterMap {

  public static final int INPUT_COUNT = 5;
  public static final int HOLDING_COUNT = 2;
  public static final int INTERVAL_MINUTES = 60;

  private ProbeRegisterMap() {}

  /** The five input registers of a sample, as unsigned 16-bit words. */
  public static int[] inputRegisters(ProbeSample s) {
    int levelMm = (int) Math.round(s.levelM() * 1000);
    return new int[] {
      (levelMm >>> 16) & 0xFFFF,
      levelMm & 0xFFFF,
      clampU16(Math.round(s.depthM() * 100)),
      (int) Math.max(Short.MIN_VALUE, Math.min(Short.MAX_VALUE, Math.round(s.temperature() * 100))) & 0xFFFF,
      clampU16(Math.round(s.batteryPct() * 10)),
    };
  }

  /** The two holding registers of the installation. */
  public static int[] holdingRegisters(double groundM) {
    return new int[] {clampU16(Math.round(groundM * 100)), INTERVAL_MINUTES};
  }

  private static int clampU16(long v) {
    return (int) Math.max(0, Math.min(0xFFFF, v));
  }
}
