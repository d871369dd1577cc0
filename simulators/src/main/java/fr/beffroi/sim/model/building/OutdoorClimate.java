package fr.beffroi.sim.model.building;

import java.time.Instant;

/** Outdoor air temperature at an instant; a pure function so a model replays the same weather. */
@FunctionalInterface
public interface OutdoorClimate {

  double temperatureC(Instant at);

  /** The same temperature at every instant: for tests of the building physics alone. */
  static OutdoorClimate constant(double celsius) {
    return at -> celsius;
  }
}
