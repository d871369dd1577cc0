package fr.beffroi.sim.model.groundwater;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * A drought: the level falls linearly by {@code drawdownM} over {@code fall}, then climbs back
 * linearly over {@code recovery} (a recharge winter). DOMAIN.md: −2 to −3.6 m over 6–18 months in
 * the Oise in 2022–23.
 *
 * @param start     when the fall begins
 * @param fall      how long the level falls
 * @param drawdownM how far it falls, m (positive)
 * @param recovery  how long it takes to climb back; zero keeps the level down
 */
public record Drought(Instant start, Duration fall, double drawdownM, Duration recovery) {
  public Drought {
    Objects.requireNonNull(start, "start");
    Objects.requireNonNull(fall, "fall");
    Objects.requireNonNull(recovery, "recovery");
    if (fall.isNegative() || fall.isZero() || recovery.isNegative()) {
      throw new IllegalArgumentException("fall must be positive and recovery not negative");
    }
    if (!(drawdownM >= 0)) {
      throw new IllegalArgumentException("drawdownM must be >= 0, got " + drawdownM);
    }
  }

  /** The (negative) offset of the level at {@code t}, m. */
  double offsetAt(Instant t) {
    double sinceStart = seconds(Duration.between(start, t));
    if (sinceStart <= 0) {
      return 0;
    }
    double fallS = seconds(fall);
    if (sinceStart <= fallS) {
      return -drawdownM * sinceStart / fallS;
    }
    if (recovery.isZero()) {
      return -drawdownM;
    }
    double back = (sinceStart - fallS) / seconds(recovery);
    return back >= 1 ? 0 : -drawdownM * (1 - back);
  }

  private static double seconds(Duration d) {
    return d.getSeconds() + d.getNano() / 1e9;
  }
}
