package fr.beffroi.sim.model.pv;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;

/**
 * Sun position from an instant: Spencer's (1971) Fourier series for declination and equation of time
 * (as used by NOAA), hour angle from true solar time, and the incidence angle on a tilted plane
 * (Duffie and Beckman, eq. 1.6.2). Accurate to a few tenths of a degree, ample for a simulator.
 */
public final class SolarGeometry {

  private SolarGeometry() {}

  public static SunPosition position(PvSite site, Instant at) {
    ZonedDateTime utc = at.atZone(ZoneOffset.UTC);
    double utcMinutes = utc.getHour() * 60.0 + utc.getMinute() + utc.getSecond() / 60.0
        + utc.getNano() / 60e9;
    int daysInYear = utc.toLocalDate().lengthOfYear();
    double gamma = 2 * Math.PI / daysInYear
        * (utc.getDayOfYear() - 1 + (utcMinutes / 60.0 - 12) / 24);

    double eotMinutes = 229.18 * (0.000075 + 0.001868 * Math.cos(gamma)
        - 0.032077 * Math.sin(gamma) - 0.014615 * Math.cos(2 * gamma)
        - 0.040849 * Math.sin(2 * gamma));
    double decl = 0.006918 - 0.399912 * Math.cos(gamma) + 0.070257 * Math.sin(gamma)
        - 0.006758 * Math.cos(2 * gamma) + 0.000907 * Math.sin(2 * gamma)
        - 0.002697 * Math.cos(3 * gamma) + 0.00148 * Math.sin(3 * gamma);

    double trueSolarMinutes = utcMinutes + eotMinutes + 4 * site.longitudeDeg();
    double hourAngle = Math.toRadians(trueSolarMinutes / 4 - 180);

    double phi = Math.toRadians(site.latitudeDeg());
    double beta = Math.toRadians(site.tiltDeg());
    double surfaceAz = Math.toRadians(site.surfaceAzimuthDeg());

    double cosZenith = Math.sin(phi) * Math.sin(decl)
        + Math.cos(phi) * Math.cos(decl) * Math.cos(hourAngle);
    double elevation = Math.toDegrees(Math.asin(Math.max(-1, Math.min(1, cosZenith))));

    double cosIncidence = Math.sin(decl) * Math.sin(phi) * Math.cos(beta)
        - Math.sin(decl) * Math.cos(phi) * Math.sin(beta) * Math.cos(surfaceAz)
        + Math.cos(decl) * Math.cos(phi) * Math.cos(beta) * Math.cos(hourAngle)
        + Math.cos(decl) * Math.sin(phi) * Math.sin(beta) * Math.cos(surfaceAz)
            * Math.cos(hourAngle)
        + Math.cos(decl) * Math.sin(beta) * Math.sin(surfaceAz) * Math.sin(hourAngle);

    double hourAngleDeg = Math.toDegrees(hourAngle);
    if (hourAngleDeg > 180) {
      hourAngleDeg -= 360;
    } else if (hourAngleDeg < -180) {
      hourAngleDeg += 360;
    }
    return new SunPosition(Math.toDegrees(decl), hourAngleDeg, elevation, cosIncidence);
  }
}
