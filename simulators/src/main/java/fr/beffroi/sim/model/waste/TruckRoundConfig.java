package fr.beffroi.sim.model.waste;

import java.time.LocalTime;
import java.time.ZoneId;
import java.util.Objects;

/**
 * A simulated refuse-truck round. Figures from DOMAIN ("Waste: bins, lifts, incentive fee");
 * those marked (model) there are modelling assumptions.
 *
 * @param seed                one seed, one day the same every run
 * @param truck               truck id
 * @param zone                the commune's time zone (shift hours are local)
 * @param shiftStart          first lift not before this local time
 * @param shiftEnd            no lift after this local time
 * @param households          households on the round; each has a residual (OMR) and a recycling (EMB) bin
 * @param presentation        probability a household puts its bin out at a passage (0.45)
 * @param readFailure         probability the tag is not read (0.005)
 * @param unknownOrBlocked    probability the tag is unknown to the reader or blocked (0.003)
 * @param duplicateReadsMin   lowest share of lifts read more than once (0.02)
 * @param duplicateReadsMax   highest share (0.05): each round draws its own in between
 * @param residualMedianKg    median contents of a 120 L residual-waste bin (12 kg, lognormal)
 * @param recyclingMedianKg   median contents of a 120 L recycling bin (model: 4 kg)
 * @param massSigma           sigma of the lognormal contents (model: 0.5)
 * @param weighs              whether the lifter weighs
 * @param dynamicShare        share of weighings taken on the move (model: 0.1)
 */
public record TruckRoundConfig(long seed, String truck, ZoneId zone, LocalTime shiftStart, LocalTime shiftEnd,
    int households, double presentation, double readFailure, double unknownOrBlocked, double duplicateReadsMin,
    double duplicateReadsMax, double residualMedianKg, double recyclingMedianKg, double massSigma, boolean weighs,
    double dynamicShare) {

  public TruckRoundConfig {
    Objects.requireNonNull(truck, "truck");
    Objects.requireNonNull(zone, "zone");
    Objects.requireNonNull(shiftStart, "shiftStart");
    Objects.requireNonNull(shiftEnd, "shiftEnd");
    if (!shiftStart.isBefore(shiftEnd)) {
      throw new IllegalArgumentException("shift must start before it ends: " + shiftStart + " .. " + shiftEnd);
    }
    if (households < 1) {
      throw new IllegalArgumentException("households must be at least 1, got " + households);
    }
    for (double p : new double[] {presentation, readFailure, unknownOrBlocked, duplicateReadsMin, duplicateReadsMax,
        dynamicShare}) {
      if (!(p >= 0 && p <= 1)) {
        throw new IllegalArgumentException("probabilities must be in 0..1, got " + p);
      }
    }
    if (duplicateReadsMin > duplicateReadsMax) {
      throw new IllegalArgumentException("duplicateReadsMin > duplicateReadsMax");
    }
  }

  /**
   * DOMAIN's figures for a truck in the Oise: ~1,200 lifts over a 05:00–15:00 shift, 2,700
   * households on the round (1,200 / 0.45), fortnightly: OMR in even ISO weeks, EMB in odd ones.
   */
  public static TruckRoundConfig oise(long seed, String truck) {
    return new TruckRoundConfig(seed, truck, ZoneId.of("Europe/Paris"), LocalTime.of(5, 0), LocalTime.of(15, 0),
        2_700, 0.45, 0.005, 0.003, 0.02, 0.05, 12, 4, 0.5, true, 0.1);
  }

  /** The same round with another read-failure probability (tests). */
  public TruckRoundConfig withReadFailure(double p) {
    return new TruckRoundConfig(seed, truck, zone, shiftStart, shiftEnd, households, presentation, p, unknownOrBlocked,
        duplicateReadsMin, duplicateReadsMax, residualMedianKg, recyclingMedianKg, massSigma, weighs, dynamicShare);
  }
}
