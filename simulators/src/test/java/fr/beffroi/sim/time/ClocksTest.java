package fr.beffroi.sim.time;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class ClocksTest {

  private static final Instant T0 = Instant.parse("2026-06-21T10:00:00Z");

  @Test
  void leapClockStandsStillUntilItLeaps() {
    LeapClock clock = LeapClock.at(T0);

    assertThat(clock.instant()).isEqualTo(T0);
    assertThat(clock.leap(Duration.ofMinutes(5))).isEqualTo(T0.plusSeconds(300));
    assertThat(clock.instant()).isEqualTo(T0.plusSeconds(300));
  }

  @Test
  void scaledClockRunsSpeedTimesFasterThanItsBase() {
    LeapClock base = LeapClock.at(Instant.parse("2030-01-01T00:00:00Z"));
    ScaledClock scaled = ScaledClock.starting(T0, 60, base);

    base.leap(Duration.ofSeconds(10));

    assertThat(scaled.instant()).isEqualTo(T0.plus(Duration.ofMinutes(10)));
  }

  @Test
  void scaledClockRejectsANonPositiveSpeed() {
    assertThatThrownBy(() -> ScaledClock.starting(T0, 0, LeapClock.at(T0)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("speed");
  }
}
