package fr.beffroi.sim.model.waste;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A closed collection loop: waypoints in WGS84 degrees, each segment (from a waypoint to the next,
 * the last back to the first) in a {@link Zone}. The truck goes round and round it.
 */
public final class Route {

  /** A waypoint, and the zone of the segment that starts there. */
  public record Waypoint(double lat, double lon, Zone zone) {
    public Waypoint {
      Objects.requireNonNull(zone, "zone");
    }
  }

  /** A point on the route. */
  public record Place(double lat, double lon, Zone zone) {
  }

  private static final double EARTH_RADIUS_M = 6_371_000;

  private final List<Waypoint> waypoints;
  private final double[] startAt;
  private final double length;

  public Route(List<Waypoint> waypoints) {
    if (waypoints.size() < 2) {
      throw new IllegalArgumentException("a route needs at least 2 waypoints, got " + waypoints.size());
    }
    this.waypoints = List.copyOf(waypoints);
    this.startAt = new double[waypoints.size()];
    double d = 0;
    for (int i = 0; i < waypoints.size(); i++) {
      startAt[i] = d;
      d += metres(waypoints.get(i), waypoints.get((i + 1) % waypoints.size()));
    }
    this.length = d;
  }

  /**
   * A loop around a village of the Plateau Picard (Oise, about 49.40 N 2.10 E): a ring of streets
   * round the church (~3 km, town) and a lane out to a hamlet and back (~1.5 km, country). Made up
   * for the simulation; no real addresses.
   */
  public static Route oiseVillage() {
    double lat0 = 49.4000;
    double lon0 = 2.1000;
    double dLat = 480 / 111_195.0;
    double dLon = 480 / (111_195.0 * Math.cos(Math.toRadians(lat0)));
    List<Waypoint> w = new ArrayList<>();
    int n = 12;
    for (int i = 0; i <= n; i++) {
      double a = 2 * Math.PI * i / n;
      // the last ring point (back at the start, east) opens the lane to the hamlet
      w.add(new Waypoint(lat0 + dLat * Math.sin(a), lon0 + dLon * Math.cos(a), i == n ? Zone.COUNTRY : Zone.TOWN));
    }
    w.remove(0);
    w.add(new Waypoint(lat0 + dLat * 0.2, lon0 + dLon * 2.55, Zone.COUNTRY));
    return new Route(w);
  }

  public double length() {
    return length;
  }

  /** Where the truck is after driving {@code distance} metres from the first waypoint (any number of laps). */
  public Place at(double distance) {
    double d = ((distance % length) + length) % length;
    int i = 0;
    while (i + 1 < startAt.length && startAt[i + 1] <= d) {
      i++;
    }
    Waypoint a = waypoints.get(i);
    Waypoint b = waypoints.get((i + 1) % waypoints.size());
    double seg = metres(a, b);
    double f = seg == 0 ? 0 : (d - startAt[i]) / seg;
    return new Place(a.lat() + (b.lat() - a.lat()) * f, a.lon() + (b.lon() - a.lon()) * f, a.zone());
  }

  private static double metres(Waypoint a, Waypoint b) {
    // equirectangular: exact enough over a village
    double x = Math.toRadians(b.lon() - a.lon()) * Math.cos(Math.toRadians((a.lat() + b.lat()) / 2));
    double y = Math.toRadians(b.lat() - a.lat());
    return Math.sqrt(x * x + y * y) * EARTH_RADIUS_M;
  }
}
