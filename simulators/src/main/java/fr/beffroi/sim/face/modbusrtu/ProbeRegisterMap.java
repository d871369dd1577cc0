package fr.beffroi.sim.face.modbusrtu;

import fr.beffroi.profiles.codec.modbus.AddressedPoint;
import fr.beffroi.profiles.codec.modbus.RegisterLayout;
import fr.beffroi.profiles.load.ProfileLoader;
import fr.beffroi.profiles.model.DeviceProfile;
import fr.beffroi.profiles.model.RegisterPoint;
import fr.beffroi.profiles.model.RegisterTable;
import fr.beffroi.sim.model.groundwater.ProbeSample;
import java.util.Map;

/**
 * The probe's registers, laid out by the bundled {@code groundwater/modbus-rtu-probe} profile (the
 * same file the edge driver decodes with, so addresses, types and scales live in one place): input
 * registers for a sample's measurements, holding registers for the installation set-up.
 */
public final class ProbeRegisterMap {

  static final String PROFILE_FAMILY = "groundwater";
  static final String PROFILE_ID = "modbus-rtu-probe";
  public static final int INTERVAL_MINUTES = 60;

  private final RegisterLayout layout;

  private ProbeRegisterMap(RegisterLayout layout) {
    this.layout = layout;
  }

  /** The map of the bundled profile. */
  public static ProbeRegisterMap bundled() {
    DeviceProfile profile = new ProfileLoader().load(PROFILE_FAMILY, PROFILE_ID);
    return new ProbeRegisterMap(RegisterLayout.of(profile, Map.of()));
  }

  /** The input registers of a sample, one unsigned word per address from 0. */
  public int[] inputRegisters(ProbeSample s) {
    return layout.image(RegisterTable.INPUT, layout.end(RegisterTable.INPUT), p -> saturated(p, switch (p.reading()) {
      case "level" -> s.levelM();
      case "depth" -> s.depthM();
      case "temp" -> s.temperature();
      case "battery" -> s.batteryPct();
      default -> throw new IllegalStateException("profile point '" + p.reading() + "' has no simulated value");
    }));
  }

  /** The holding registers of the installation, one unsigned word per address from 0. */
  public int[] holdingRegisters(double groundM) {
    return layout.image(RegisterTable.HOLDING, layout.end(RegisterTable.HOLDING), p -> saturated(p,
        switch (p.reading()) {
          case "ground" -> groundM;
          case "interval" -> INTERVAL_MINUTES;
          default -> throw new IllegalStateException("profile point '" + p.reading() + "' has no simulated value");
        }));
  }

  /**
   * A real probe saturates at the ends of its register's range (an artesian well reads depth 0, not
   * an error): clamp rather than let the codec refuse the value.
   */
  private static double saturated(AddressedPoint p, double value) {
    RegisterPoint spec = p.spec();
    if (!spec.type().isInteger()) {
      return value;
    }
    return Math.max(spec.scaled(spec.type().minRaw()), Math.min(spec.scaled(spec.type().maxRaw()), value));
  }
}
