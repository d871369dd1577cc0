package fr.beffroi.sim.model.groundwater;

import java.time.Instant;
import java.util.Objects;

/**
 * One hourly sample of the probe.
 *
 * @param time         the top of the hour it was taken
 * @param levelM       water level, m NGF
 * @param depthM       depth of the water below the ground, m
 * @param temperature  water temperature, °C
 * @param batteryPct   remaining battery, %
 */
public record ProbeSample(Instant time, double levelM, double depthM, double temperature, double batteryPct) {
  public ProbeSample {
    Objects.requireNonNull(time, "time");
  }
}
