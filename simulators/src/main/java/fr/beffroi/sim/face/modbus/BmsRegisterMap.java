package fr.beffroi.sim.face.modbus;

import fr.beffroi.profiles.codec.modbus.AddressedPoint;
import fr.beffroi.profiles.codec.modbus.RegisterCodec;
import fr.beffroi.profiles.codec.modbus.RegisterLayout;
import fr.beffroi.profiles.load.ProfileLoader;
import fr.beffroi.profiles.model.DeviceProfile;
import fr.beffroi.profiles.model.RegisterBlock;
import fr.beffroi.profiles.model.RegisterPoint;
import fr.beffroi.profiles.model.RegisterTable;
import fr.beffroi.sim.model.building.BuildingModel;
import fr.beffroi.sim.model.building.BuildingSnapshot;
import fr.beffroi.sim.model.building.ZoneMode;
import fr.beffroi.sim.model.building.ZoneSnapshot;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The holding-register image of one building controller, laid out by the bundled
 * {@code bms/modbus-building} profile (the same file the edge driver reads, so addresses live in one
 * place): the building block, then one zone block per zone of the model. Registers between points
 * read 0. Encodes snapshots for reads and turns register writes into model commands.
 */
public final class BmsRegisterMap {

  static final String PROFILE_FAMILY = "bms";
  static final String PROFILE_ID = "modbus-building";
  private static final String ZONE_BLOCK = "zone";

  private final DeviceProfile profile;
  private final RegisterLayout layout;
  private final int size;

  private BmsRegisterMap(DeviceProfile profile, RegisterLayout layout) {
    this.profile = profile;
    this.layout = layout;
    RegisterBlock zone = profile.block(ZONE_BLOCK).orElseThrow();
    int zones = (int) layout.points().stream().filter(p -> p.reading().startsWith(ZONE_BLOCK)).count()
        / zone.points().size();
    this.size = Math.max(zone.start() + zones * zone.span(),
        layout.end(RegisterTable.HOLDING));
  }

  /** The map of a building with {@code zones} zones. */
  public static BmsRegisterMap forZones(int zones) {
    DeviceProfile profile = new ProfileLoader().load(PROFILE_FAMILY, PROFILE_ID);
    return new BmsRegisterMap(profile, RegisterLayout.of(profile, Map.of(ZONE_BLOCK, zones)));
  }

  /** Registers served: addresses 0 .. size − 1. */
  public int size() {
    return size;
  }

  public RegisterLayout layout() {
    return layout;
  }

  /** The register image of a snapshot, one unsigned word per address. */
  public int[] encode(BuildingSnapshot s) {
    return layout.image(RegisterTable.HOLDING, size, p -> valueOf(p, s));
  }

  private double valueOf(AddressedPoint p, BuildingSnapshot s) {
    String name = p.spec().name();
    int dot = p.reading().indexOf('.');
    if (dot < 0) {
      return switch (name) {
        case "zoneCount" -> s.zones().size();
        case "outdoorTemp" -> s.outdoorC();
        case "heatEnergy" -> s.heatEnergyKwh();
        case "heatPower" -> s.heatPowerKw();
        case "supplyTemp" -> s.supplyC();
        case "returnTemp" -> s.returnC();
        default -> throw new IllegalStateException("profile point '" + name + "' has no simulated value");
      };
    }
    ZoneSnapshot z = s.zones().get(zoneIndex(p));
    return switch (name) {
      case "roomTemp" -> z.roomC();
      case "setpoint" -> z.comfortC();
      case "mode" -> symbol(p.spec(), z.mode().name());
      case "activeSetpoint" -> Double.isNaN(z.activeSetpointC()) ? 0 : z.activeSetpointC();
      case "presence" -> z.presence() ? 1 : 0;
      case "light1" -> z.light1() ? 1 : 0;
      case "light2" -> z.light2() ? 1 : 0;
      case "heating" -> z.heating() ? 1 : 0;
      case "zonePower" -> z.powerKw();
      default -> throw new IllegalStateException("profile point '" + name + "' has no simulated value");
    };
  }

  /**
   * Applies one write of whole points: {@code words} starting at {@code address} must cover
   * writable points exactly.
   *
   * @throws WriteRefused saying whether the address or the value is wrong
   */
  public void write(BuildingModel model, int address, short[] words) throws WriteRefused {
    int at = 0;
    while (at < words.length) {
      int a = address + at;
      Optional<AddressedPoint> found = layout.points().stream()
          .filter(p -> p.table() == RegisterTable.HOLDING && p.address() == a).findFirst();
      if (found.isEmpty() || !found.get().spec().writable() || at + found.get().spec().words() > words.length) {
        throw new WriteRefused(true, "no writable point starts at register " + a);
      }
      AddressedPoint p = found.get();
      double value = RegisterCodec.decode(p.reading(), p.spec(), words, at).value();
      try {
        RegisterCodec.encodeCommand(p.spec(), value);
        apply(model, p, value);
      } catch (IllegalArgumentException e) {
        throw new WriteRefused(false, p.reading() + ": " + e.getMessage());
      }
      at += p.spec().words();
    }
  }

  private void apply(BuildingModel model, AddressedPoint p, double value) {
    int zone = zoneIndex(p);
    switch (p.spec().name()) {
      case "setpoint" -> model.setComfortSetpoint(zone, value);
      case "mode" -> model.setMode(zone, ZoneMode.valueOf(symbolName(p.spec(), (int) value)));
      case "light1" -> model.setLight(zone, 1, value != 0);
      case "light2" -> model.setLight(zone, 2, value != 0);
      default -> throw new IllegalArgumentException("the simulator does not act on '" + p.spec().name() + "'");
    }
  }

  /** 0-based zone index of a {@code zoneN.point} reading. */
  private static int zoneIndex(AddressedPoint p) {
    String r = p.reading();
    return Integer.parseInt(r.substring(ZONE_BLOCK.length(), r.indexOf('.'))) - 1;
  }

  private static int symbol(RegisterPoint spec, String name) {
    Integer raw = spec.symbols().get(name);
    return Objects.requireNonNull(raw, () -> "profile has no symbol " + name + " for " + spec.name());
  }

  private static String symbolName(RegisterPoint spec, int raw) {
    return spec.symbols().entrySet().stream().filter(e -> e.getValue() == raw).map(Map.Entry::getKey)
        .findFirst().orElseThrow();
  }

  public DeviceProfile profile() {
    return profile;
  }

  /** A register write the controller refuses. */
  public static final class WriteRefused extends Exception {
    private final boolean badAddress;

    WriteRefused(boolean badAddress, String message) {
      super(message);
      this.badAddress = badAddress;
    }

    /** {@code true}: no writable point there (Modbus exception 2); {@code false}: bad value (3). */
    public boolean badAddress() {
      return badAddress;
    }
  }
}
