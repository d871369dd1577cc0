package fr.beffroi.ops.scenario;

import fr.beffroi.rules.model.Action;
import fr.beffroi.sim.model.building.BuildingModel;
import fr.beffroi.sim.model.building.ZoneMode;
import java.util.function.Consumer;

/**
 * A simulated BMS as the gateway's driver would write it: the writable points of the
 * {@code bms/modbus-building} profile ({@code zone<N>.setpoint}, {@code zone<N>.mode} with its symbols
 * ARRET 0, HORS_GEL 1, REDUIT 2, CONFORT 3, {@code zone<N>.light1|light2}) as calls on a
 * {@link BuildingModel}. Commands to other devices are ignored here.
 */
final class BmsDevice implements Consumer<Action.CommandAction> {

  private final String deviceId;
  private final BuildingModel building;

  BmsDevice(String deviceId, BuildingModel building) {
    this.deviceId = deviceId;
    this.building = building;
  }

  @Override
  public void accept(Action.CommandAction c) {
    if (!c.device().equals(deviceId)) {
      return;
    }
    int dot = c.point().indexOf('.');
    if (!c.point().startsWith("zone") || dot < 0) {
      throw new AssertionError(deviceId + ": not a zone point: " + c.point());
    }
    int zone = Integer.parseInt(c.point().substring(4, dot)) - 1;
    String point = c.point().substring(dot + 1);
    switch (point) {
      case "setpoint" -> building.setComfortSetpoint(zone, c.value());
      case "mode" -> building.setMode(zone, ZoneMode.values()[(int) c.value()]);
      case "light1" -> building.setLight(zone, 1, c.value() != 0);
      case "light2" -> building.setLight(zone, 2, c.value() != 0);
      default -> throw new AssertionError(deviceId + ": point " + c.point() + " is not writable");
    }
  }
}
