package fr.beffroi.sim.model.water;

import static org.assertj.core.api.Assertions.assertThat;

import fr.beffroi.sim.time.LeapClock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

class DistrictMeterModelTest {

  private static final Instant MONDAY = Instant.parse("2026-03-02T00:00:00Z");
  private static final ZoneId PARIS = ZoneId.of("Europe/Paris");

  @Test
  void dailyMeanIsTheConfiguredMeanAndTheNightMinimumAQuarterOfIt() {
    DistrictMeterModel meter = new DistrictMeterModel(DistrictMeterConfig.village(7), LeapClock.at(MONDAY));
    double sum = 0;
    int n = 0;
    double nightMin = Double.MAX_VALUE;
    for (Instant t = MONDAY; t.isBefore(MONDAY.plus(Duration.ofDays(28))); t = t.plus(Duration.ofMinutes(5))) {
      double f = meter.flowM3h(t);
      sum += f;
      n++;
      int hour = t.atZone(PARIS).getHour();
      if (hour >= 2 && hour < 5) {
        nightMin = Math.min(nightMin, f);
      }
    }
    assertThat(sum / n).isCloseTo(20.0, org.assertj.core.data.Offset.offset(0.6));
    assertThat(nightMin).isBetween(3.5, 5.5);
  }

  @Test
  void aLeakAddsItsFlowFromItsStartAndTheSeriesIsAPureFunctionOfTheSeed() {
    Instant leakAt = MONDAY.plus(Duration.ofDays(3));
    DistrictMeterConfig base = DistrictMeterConfig.village(7);
    DistrictMeterModel plain = new DistrictMeterModel(base, LeapClock.at(MONDAY));
    DistrictMeterModel leaking = new DistrictMeterModel(base.withLeak(new Leak(leakAt, 3.0)), LeapClock.at(MONDAY));
    Instant before = leakAt.minusSeconds(600);
    Instant after = leakAt.plusSeconds(600);
    assertThat(leaking.flowM3h(before)).isEqualTo(plain.flowM3h(before));
    assertThat(leaking.flowM3h(after) - plain.flowM3h(after)).isCloseTo(3.0, org.assertj.core.data.Offset.offset(1e-9));
    assertThat(new DistrictMeterModel(base, LeapClock.at(MONDAY)).flowM3h(after)).isEqualTo(plain.flowM3h(after));
  }
}
