package fr.beffroi.sim.model.building;

import java.time.Instant;
import java.util.List;

/**
 * The building at one instant: what its controller and heat meter show.
 *
 * @param at            the integration grid instant the values belong to (at or just before the read)
 * @param outdoorC      outdoor temperature
 * @param heatEnergyKwh heat meter: energy delivered since the model started, plus its initial index
 * @param heatPowerKw   heat meter: total heating power now
 * @param supplyC       heat meter: supply temperature (heating curve)
 * @param returnC       heat meter: return temperature
 * @param zones         the zones, in config order
 */
public record BuildingSnapshot(Instant at, double outdoorC, double heatEnergyKwh, double heatPowerKw,
    double supplyC, double returnC, List<ZoneSnapshot> zones) {

  public BuildingSnapshot {
    zones = List.copyOf(zones);
  }
}
