package fr.beffroi.sim.model.pv;

import java.time.Instant;

/** How much of the clear-sky irradiance reaches the panels at an instant (1 = clear sky). */
public interface Sky {

  double clearness(Instant at);

  /** A sky with no cloud ever: production follows the clear-sky curve exactly. */
  static Sky clear() {
    return at -> 1.0;
  }
}
