package fr.beffroi.sim.model.building;

import java.time.LocalTime;
import java.util.List;
import java.util.Objects;

/**
 * A public building: its zones, its heating curve and its weather.
 *
 * @param name       for people and logs
 * @param seed       seeds presence (and, through {@link OiseClimate}, the weather)
 * @param curveSlope heating curve slope: supply = 20 °C + slope × (20 °C − outdoor); 4/3 is the
 *                   line through (−10 °C, 60 °C) and (20 °C, 20 °C); 1.0–1.2 insulated, 1.4–1.6 old
 * @param climate    outdoor temperature
 * @param zones      the heating zones, in register order
 */
public record BuildingConfig(String name, long seed, double curveSlope, OutdoorClimate climate,
    List<ZoneConfig> zones) {

  /** The slope of the line through (−10 °C, 60 °C) and (20 °C, 20 °C). */
  public static final double REFERENCE_SLOPE = 40.0 / 30.0;

  public BuildingConfig {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(climate, "climate");
    zones = List.copyOf(zones);
    if (zones.isEmpty()) {
      throw new IllegalArgumentException(name + ": at least one zone is needed");
    }
    if (!(curveSlope > 0) || curveSlope > 4) {
      throw new IllegalArgumentException(name + ": heating curve slope must be in (0, 4], got " + curveSlope);
    }
  }

  /** A mairie: reception, offices and the council room, medium inertia, weekday opening hours. */
  public static BuildingConfig townHall(long seed) {
    Occupancy office = Occupancy.weekdays(LocalTime.of(8, 30), LocalTime.of(17, 30));
    return new BuildingConfig("mairie", seed, 1.2, new OiseClimate(seed), List.of(
        ZoneConfig.of("accueil", 0.35, 45, 19, 0.3, office),
        ZoneConfig.of("bureaux", 0.5, 45, 19, 0.4, office),
        ZoneConfig.of("conseil", 0.45, 45, 19, 0.5, Occupancy.weekdays(LocalTime.of(18, 0), LocalTime.of(21, 0)))));
  }

  /** A heavy masonry school: four classrooms and the canteen, τ = 60 h, reference heating curve. */
  public static BuildingConfig school(long seed) {
    Occupancy lessons = Occupancy.weekdays(LocalTime.of(8, 30), LocalTime.of(16, 30));
    return new BuildingConfig("ecole", seed, REFERENCE_SLOPE, new OiseClimate(seed), List.of(
        ZoneConfig.of("classe-1", 0.25, 60, 19, 1.5, lessons),
        ZoneConfig.of("classe-2", 0.25, 60, 19, 1.5, lessons),
        ZoneConfig.of("classe-3", 0.25, 60, 19, 1.5, lessons),
        ZoneConfig.of("classe-4", 0.25, 60, 19, 1.5, lessons),
        ZoneConfig.of("cantine", 0.4, 60, 19, 2.5, Occupancy.weekdays(LocalTime.of(11, 30), LocalTime.of(13, 30)))));
  }

  /** A light sports hall (τ = 30 h, comfort 14 °C) and its changing rooms (20 °C), evening use. */
  public static BuildingConfig sportsHall(long seed) {
    Occupancy evenings = Occupancy.weekdays(LocalTime.of(17, 0), LocalTime.of(22, 0));
    return new BuildingConfig("gymnase", seed, 1.5, new OiseClimate(seed), List.of(
        ZoneConfig.of("salle", 1.6, 30, 14, 2.0, evenings),
        ZoneConfig.of("vestiaires", 0.2, 30, 20, 0.3, evenings)));
  }

  public BuildingConfig withClimate(OutdoorClimate other) {
    return new BuildingConfig(name, seed, curveSlope, other, zones);
  }

  public BuildingConfig withZones(List<ZoneConfig> other) {
    return new BuildingConfig(name, seed, curveSlope, climate, other);
  }

  /** Supply (flow) temperature the heating curve asks for at this outdoor temperature. */
  public double supplyC(double outdoorC) {
    return Math.max(20, Math.min(80, 20 + curveSlope * (20 - outdoorC)));
  }
}
