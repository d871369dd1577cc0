package fr.beffroi.sim.model.pv;

/**
 * The sun seen from a site at one instant.
 *
 * @param declinationDeg solar declination
 * @param hourAngleDeg 0 at solar noon, negative in the morning
 * @param elevationDeg above the horizon; negative at night
 * @param cosIncidence cosine of the angle between the sun and the panel normal (negative: sun behind)
 */
public record SunPosition(
    double declinationDeg, double hourAngleDeg, double elevationDeg, double cosIncidence) {

  public boolean isUp() {
    return elevationDeg > 0;
  }
}
