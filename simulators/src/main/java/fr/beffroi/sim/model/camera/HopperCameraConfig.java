package fr.beffroi.sim.model.camera;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * How a simulated hopper camera behaves.
 *
 * @param errorShare     per waste stream, the share of readable lifts with at least one sorting
 *                       error; streams not listed use {@code otherErrorShare}. DOMAIN.md: 20–30 % of
 *                       recycling (EMB) bins contain errors; residual waste (OMR) far fewer
 * @param otherErrorShare the share for streams not in {@code errorShare}
 * @param unreadableShare the share of triggers without a usable picture
 * @param minDelay       shortest processing delay, trigger to verdict (model time)
 * @param maxDelay       longest processing delay
 * @param retained       how many verdicts the camera keeps for clients to fetch; older ones are forgotten
 */
public record HopperCameraConfig(Map<String, Double> errorShare, double otherErrorShare, double unreadableShare,
    Duration minDelay, Duration maxDelay, int retained) {

  public HopperCameraConfig {
    errorShare = Map.copyOf(errorShare);
    Objects.requireNonNull(minDelay, "minDelay");
    Objects.requireNonNull(maxDelay, "maxDelay");
    List<String> problems = new ArrayList<>();
    errorShare.forEach((stream, share) -> {
      if (!(share >= 0 && share <= 1)) {
        problems.add("errorShare." + stream + " must be in [0, 1], got " + share);
      }
    });
    if (!(otherErrorShare >= 0 && otherErrorShare <= 1)) {
      problems.add("otherErrorShare must be in [0, 1], got " + otherErrorShare);
    }
    if (!(unreadableShare >= 0 && unreadableShare < 1)) {
      problems.add("unreadableShare must be in [0, 1), got " + unreadableShare);
    }
    if (minDelay.isNegative() || maxDelay.compareTo(minDelay) < 0) {
      problems.add("need 0 <= minDelay <= maxDelay, got " + minDelay + " and " + maxDelay);
    }
    if (retained < 1) {
      problems.add("retained must be at least 1, got " + retained);
    }
    if (!problems.isEmpty()) {
      throw new IllegalArgumentException("hopper camera config: " + String.join("; ", problems));
    }
  }

  /** A French deployment: 25 % of EMB bins with errors, 6 % of OMR, 10 % of BIO; 2 % unreadable; 1–3 s. */
  public static HopperCameraConfig typical() {
    return new HopperCameraConfig(Map.of("EMB", 0.25, "OMR", 0.06, "BIO", 0.10), 0.10, 0.02,
        Duration.ofSeconds(1), Duration.ofSeconds(3), 20_000);
  }

  public double errorShareOf(String stream) {
    return errorShare.getOrDefault(stream, otherErrorShare);
  }
}
