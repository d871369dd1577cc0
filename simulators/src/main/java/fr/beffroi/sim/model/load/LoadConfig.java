package fr.beffroi.sim.model.load;

import java.time.LocalTime;
import java.time.ZoneId;
import java.util.Objects;

/**
 * A building's electrical consumption.
 *
 * @param name        for people and logs
 * @param standbyKw   base load when the building is closed (ventilation, fridges, servers, lighting)
 * @param openKw      base load during opening hours
 * @param opens       local time the working-day plateau is reached (a one-hour ramp before)
 * @param closes      local time the plateau ends (a one-hour ramp after)
 * @param noiseSigma  standard deviation of the 5-minute noise factor around 1
 * @param heaterKw    the water heater's power while its relay is on
 * @param zone        local time zone
 * @param seed        seeds the noise
 */
public record LoadConfig(String name, double standbyKw, double openKw, LocalTime opens, LocalTime closes,
    double noiseSigma, double heaterKw, ZoneId zone, long seed) {

  public LoadConfig {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(opens, "opens");
    Objects.requireNonNull(closes, "closes");
    Objects.requireNonNull(zone, "zone");
    if (!(standbyKw >= 0) || !(openKw >= standbyKw) || Double.isInfinite(openKw)) {
      throw new IllegalArgumentException(name + ": need 0 <= standbyKw <= openKw, got " + standbyKw + ", " + openKw);
    }
    if (!closes.isAfter(opens)) {
      throw new IllegalArgumentException(name + ": closes must be after opens: " + opens + ".." + closes);
    }
    if (!(noiseSigma >= 0 && noiseSigma < 0.3)) {
      throw new IllegalArgumentException(name + ": noiseSigma must be in [0, 0.3), got " + noiseSigma);
    }
    if (!(heaterKw > 0) || Double.isInfinite(heaterKw)) {
      throw new IllegalArgumentException(name + ": heaterKw must be positive, got " + heaterKw);
    }
  }

  /** A village school: 1.5 kW closed, 8 kW open 08:30–17:00 on weekdays, a 3 kW water heater. */
  public static LoadConfig school(long seed) {
    return new LoadConfig("ecole", 1.5, 8.0, LocalTime.of(8, 30), LocalTime.of(17, 0), 0.08, 3.0,
        ZoneId.of("Europe/Paris"), seed);
  }
}
