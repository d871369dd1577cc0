package fr.beffroi.sim.model.load;

import java.time.Instant;
import java.util.Objects;

/**
 * The building's consumption at one instant.
 *
 * @param baseKw        everything but the water heater
 * @param heaterOn      the water heater's relay
 * @param heaterKw      what the water heater draws
 * @param consumptionKw base + water heater: what a meter on the building's supply shows
 */
public record LoadSnapshot(Instant at, double baseKw, boolean heaterOn, double heaterKw, double consumptionKw) {
  public LoadSnapshot {
    Objects.requireNonNull(at, "at");
  }

  /**
   * The power at the grid connection with {@code productionKw} of PV behind the meter: positive
   * when the building imports, negative when it exports (the surplus).
   */
  public double gridKw(double productionKw) {
    return consumptionKw - productionKw;
  }
}
