package fr.beffroi.sim.model.waste;

/**
 * Where the truck is collecting, which sets the time between two lifts (DOMAIN: a lift every
 * 15–40 s in town, 60–120 s in the country) and the distance it drives between them (model).
 */
public enum Zone {
  TOWN(15, 40, 30),
  COUNTRY(60, 120, 250);

  private final int minSeconds;
  private final int maxSeconds;
  private final double metresPerLift;

  Zone(int minSeconds, int maxSeconds, double metresPerLift) {
    this.minSeconds = minSeconds;
    this.maxSeconds = maxSeconds;
    this.metresPerLift = metresPerLift;
  }

  public int minSeconds() {
    return minSeconds;
  }

  public int maxSeconds() {
    return maxSeconds;
  }

  /** Road between two lifts: houses are close in town, scattered in the country. */
  public double metresPerLift() {
    return metresPerLift;
  }
}
