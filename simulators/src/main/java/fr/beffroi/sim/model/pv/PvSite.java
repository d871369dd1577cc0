package fr.beffroi.sim.model.pv;

import java.time.ZoneId;
import java.util.Objects;

/**
 * Where a PV array is and how it faces the sky.
 *
 * @param latitudeDeg north positive
 * @param longitudeDeg east positive
 * @param tiltDeg 0 = flat, 90 = vertical
 * @param surfaceAzimuthDeg direction the panels face, measured from south, west positive (0 = south)
 * @param zone local time zone, used for the calendar day of the daily clearness index
 */
public record PvSite(
    double latitudeDeg, double longitudeDeg, double tiltDeg, double surfaceAzimuthDeg, ZoneId zone) {

  /** The reference roof of DOMAIN.md: the Oise (Clermont area), 30° tilt, due south. */
  public static final PvSite OISE_ROOF =
      new PvSite(49.5, 2.45, 30.0, 0.0, ZoneId.of("Europe/Paris"));

  public PvSite {
    Objects.requireNonNull(zone, "zone");
    if (!(latitudeDeg >= -90 && latitudeDeg <= 90)) {
      throw new IllegalArgumentException("latitudeDeg must be in [-90, 90], got " + latitudeDeg);
    }
    if (!(longitudeDeg >= -180 && longitudeDeg <= 180)) {
      throw new IllegalArgumentException("longitudeDeg must be in [-180, 180], got " + longitudeDeg);
    }
    if (!(tiltDeg >= 0 && tiltDeg <= 90)) {
      throw new IllegalArgumentException("tiltDeg must be in [0, 90], got " + tiltDeg);
    }
    if (!(surfaceAzimuthDeg >= -180 && surfaceAzimuthDeg <= 180)) {
      throw new IllegalArgumentException(
          "surfaceAzimuthDeg must be in [-180, 180], got " + surfaceAzimuthDeg);
    }
  }
}
