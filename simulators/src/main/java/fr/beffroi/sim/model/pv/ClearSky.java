package fr.beffroi.sim.model.pv;

import java.time.Instant;
import java.time.ZoneOffset;

/**
 * Clear-sky plane-of-array irradiance: the ASHRAE (1985) clear-day model, DNI = A·exp(−B / sin h) and
 * diffuse = C·DNI, with its monthly A, B, C (21st of each month) interpolated by day of year; then an
 * isotropic sky and ground albedo 0.2 on the tilted plane. Its seasonal contrast matches DOMAIN.md's
 * noon peaks (≈19 kW in December, ≈31 kW in June on 36 kWc) with one constant performance ratio.
 */
public final class ClearSky {

  private static final double ALBEDO = 0.2;

  /** Day of year of the 21st of each month, the dates the ASHRAE coefficients are given for. */
  private static final int[] ANCHOR_DAY = {21, 52, 80, 111, 141, 172, 202, 233, 264, 294, 325, 355};
  /** Apparent extraterrestrial flux A, W/m². */
  private static final double[] A = {
      1230, 1215, 1186, 1136, 1104, 1088, 1085, 1107, 1151, 1192, 1221, 1233};
  /** Optical depth B. */
  private static final double[] B = {
      0.142, 0.144, 0.156, 0.180, 0.196, 0.205, 0.207, 0.201, 0.177, 0.160, 0.149, 0.142};
  /** Diffuse factor C. */
  private static final double[] C = {
      0.058, 0.060, 0.071, 0.097, 0.121, 0.134, 0.136, 0.122, 0.092, 0.073, 0.063, 0.057};

  private ClearSky() {}

  /** Clear-sky irradiance on the panels at {@code at}, W/m²; 0 when the sun is down. */
  public static double planeOfArrayWm2(PvSite site, Instant at) {
    return planeOfArrayWm2(site, SolarGeometry.position(site, at), at);
  }

  static double planeOfArrayWm2(PvSite site, SunPosition sun, Instant at) {
    if (!sun.isUp()) {
      return 0;
    }
    double dayOfYear = at.atZone(ZoneOffset.UTC).getDayOfYear();
    double a = interpolate(A, dayOfYear);
    double b = interpolate(B, dayOfYear);
    double c = interpolate(C, dayOfYear);

    double sinH = Math.sin(Math.toRadians(sun.elevationDeg()));
    double dni = a * Math.exp(-b / sinH);
    double dhi = c * dni;
    double ghi = dni * sinH + dhi;

    double cosTilt = Math.cos(Math.toRadians(site.tiltDeg()));
    double beam = dni * Math.max(0, sun.cosIncidence());
    double sky = dhi * (1 + cosTilt) / 2;
    double ground = ALBEDO * ghi * (1 - cosTilt) / 2;
    return beam + sky + ground;
  }

  /** Linear interpolation between the monthly anchors, wrapping from December to January. */
  private static double interpolate(double[] values, double dayOfYear) {
    int n = ANCHOR_DAY.length;
    for (int i = 0; i < n; i++) {
      int from = ANCHOR_DAY[i];
      int to = i + 1 < n ? ANCHOR_DAY[i + 1] : ANCHOR_DAY[0] + 365;
      double d = dayOfYear < ANCHOR_DAY[0] ? dayOfYear + 365 : dayOfYear;
      if (d >= from && d < to) {
        double f = (d - from) / (to - from);
        return values[i] + f * (values[(i + 1) % n] - values[i]);
      }
    }
    return values[n - 1];
  }
}
