package fr.beffroi.sim.model.camera;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import fr.beffroi.sim.time.LeapClock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class HopperCameraModelTest {

  private static final Instant T0 = Instant.parse("2026-03-02T06:00:00Z");

  private static List<CameraVerdict> run(long seed, String stream, int lifts) {
    LeapClock clock = LeapClock.at(T0);
    HopperCameraModel camera = new HopperCameraModel(HopperCameraConfig.typical(), seed, clock);
    for (int i = 0; i < lifts; i++) {
      camera.trigger(String.format("%016X", 0x3E71CBE99000L + i), stream, T0.plusSeconds(30L * i));
    }
    clock.leap(Duration.ofDays(1));
    return camera.verdictsAfter(0, lifts);
  }

  @Test
  void publishesEachVerdictOneToThreeSecondsOfModelTimeAfterItsLift() {
    LeapClock clock = LeapClock.at(T0);
    HopperCameraModel camera = new HopperCameraModel(HopperCameraConfig.typical(), 7, clock);
    camera.trigger("0003E71CBE991A14", "EMB", T0);

    assertThat(camera.verdictsAfter(0, 10)).isEmpty();
    clock.leap(Duration.ofMillis(999));
    assertThat(camera.verdictsAfter(0, 10)).isEmpty();
    clock.leap(Duration.ofSeconds(2).plusMillis(1));
    List<CameraVerdict> verdicts = camera.verdictsAfter(0, 10);

    assertThat(verdicts).singleElement().satisfies(v -> {
      assertThat(v.cursor()).isEqualTo(1);
      assertThat(v.tag()).isEqualTo("0003E71CBE991A14");
      assertThat(v.liftAt()).isEqualTo(T0);
      assertThat(Duration.between(v.liftAt(), v.decidedAt())).isBetween(Duration.ofSeconds(1), Duration.ofSeconds(3));
    });
    assertThat(camera.pendingVerdicts()).isZero();
  }

  @Test
  void findsErrorsInTwentyToThirtyPercentOfRecyclingBinsAndFewerInResidualWaste() {
    List<CameraVerdict> emb = run(42, "EMB", 1000);
    List<CameraVerdict> omr = run(42, "OMR", 1000);

    double embShare = emb.stream().filter(v -> v.status() == VerdictStatus.ERRORS).count() / 1000.0;
    double omrShare = omr.stream().filter(v -> v.status() == VerdictStatus.ERRORS).count() / 1000.0;
    assertThat(embShare).isBetween(0.20, 0.30);
    assertThat(omrShare).isLessThan(0.12);
    assertThat(emb).filteredOn(v -> v.status() == VerdictStatus.UNREADABLE).isNotEmpty()
        .allSatisfy(v -> assertThat(v.imageId()).isEmpty());
    assertThat(omr).flatExtracting(v -> List.copyOf(v.errors().keySet())).doesNotContain(ErrorCategory.RESIDUAL);
  }

  @Test
  void errorsCarryConfidencesAboveTheThresholdHighestFirst() {
    for (CameraVerdict v : run(3, "EMB", 500)) {
      List<Double> confidences = List.copyOf(v.errors().values());
      assertThat(confidences).allSatisfy(c -> assertThat(c).isBetween(0.55, 0.99));
      assertThat(confidences).isSortedAccordingTo((a, b) -> Double.compare(b, a));
      assertThat(v.imageId().isPresent()).isEqualTo(v.status() != VerdictStatus.UNREADABLE);
    }
  }

  @Test
  void oneSeedGivesTheSameVerdictsHoweverOftenTheyAreFetched() {
    assertThat(run(11, "EMB", 200)).isEqualTo(run(11, "EMB", 200));
    assertThat(run(11, "EMB", 200)).isNotEqualTo(run(12, "EMB", 200));
  }

  @Test
  void pagesByCursorAndDeletesImages() {
    LeapClock clock = LeapClock.at(T0);
    HopperCameraModel camera = new HopperCameraModel(HopperCameraConfig.typical(), 5, clock);
    for (int i = 0; i < 5; i++) {
      camera.trigger("0003E71CBE991A1" + i, "EMB", T0.plusSeconds(i));
    }
    clock.leap(Duration.ofMinutes(1));

    List<CameraVerdict> page = camera.verdictsAfter(2, 2);
    assertThat(page).extracting(CameraVerdict::cursor).containsExactly(3L, 4L);
    String image = page.get(0).imageId().orElseThrow();
    assertThat(camera.image(image)).hasValueSatisfying(b -> {
      assertThat(b[0]).isEqualTo((byte) 0xFF);
      assertThat(b[1]).isEqualTo((byte) 0xD8);
    });
    assertThat(camera.deleteImage(image)).isTrue();
    assertThat(camera.deleteImage(image)).isFalse();
    assertThat(camera.image(image)).isEmpty();
    assertThat(camera.deletedImages()).isEqualTo(1);
  }

  @Test
  void refusesAConfigOutsideItsBounds() {
    assertThatThrownBy(() -> new HopperCameraConfig(Map.of("EMB", 1.5), -0.1, 0.02, Duration.ofSeconds(3),
        Duration.ofSeconds(1), 0))
        .hasMessageContaining("errorShare.EMB must be in [0, 1]")
        .hasMessageContaining("otherErrorShare")
        .hasMessageContaining("minDelay <= maxDelay")
        .hasMessageContaining("retained");
  }
}
