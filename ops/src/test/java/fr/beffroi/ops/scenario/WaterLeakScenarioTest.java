package fr.beffroi.ops.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import fr.beffroi.rules.model.AlertLevel;
import fr.beffroi.sim.model.water.DistrictMeterConfig;
import fr.beffroi.sim.model.water.DistrictMeterModel;
import fr.beffroi.sim.model.water.Leak;
import fr.beffroi.sim.time.LeapClock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import org.junit.jupiter.api.Test;

/**
 * Scenario 4, rule {@code saint-leu/reseau-nord-fuite-nocturne}: the district meter of a 20 m³/h
 * sector read every 5 minutes; the minimum flow over 02:00–05:00 above 6.5 m³/h three nights running
 * raises one alert. A 3 m³/h leak is found on its third night; weeks without a leak stay quiet.
 */
class WaterLeakScenarioTest {

  private static final ZoneId PARIS = ZoneId.of("Europe/Paris");
  private static final Instant START = ZonedDateTime.of(2026, 3, 2, 0, 0, 0, 0, PARIS).toInstant();

  private static ScenarioRun simulate(DistrictMeterConfig config, Duration length) {
    LeapClock clock = LeapClock.at(START);
    DistrictMeterModel meter = new DistrictMeterModel(config, clock);
    ScenarioRun run = new ScenarioRun("saint-leu", clock, c -> { });
    double[] nightMin = {Double.MAX_VALUE};
    run.run(START.plus(length), Duration.ofMinutes(5), t -> {
      double flow = meter.flowM3h(t);
      int hour = t.atZone(PARIS).getHour();
      if (hour >= 2 && hour < 5) {
        nightMin[0] = Math.min(nightMin[0], flow);
      }
      boolean endOfNight = hour == 5 && t.atZone(PARIS).getMinute() == 0;
      if (endOfNight) {
        run.timeline.input(t, String.format(java.util.Locale.ROOT, "night min %.2f m3/h", nightMin[0]));
        nightMin[0] = Double.MAX_VALUE;
      }
      run.read("compteur-secteur-nord", "flow", flow, "m3/h", false);
    });
    return run;
  }

  @Test
  void sixWeeksWithoutALeakRaiseNoAlert() {
    for (long seed : new long[] {1, 2, 3}) {
      ScenarioRun run = simulate(DistrictMeterConfig.village(seed), Duration.ofDays(42));
      run.timeline.verify(() -> assertThat(run.alerts()).as("seed %d", seed).isEmpty());
    }
  }

  @Test
  void aLeakIsFlaggedOnItsThirdNightAndOnlyOnce() {
    Instant leakStart = ZonedDateTime.of(2026, 3, 12, 14, 0, 0, 0, PARIS).toInstant();   // day 10, afternoon
    ScenarioRun run = simulate(DistrictMeterConfig.village(5).withLeak(new Leak(leakStart, 3.0)),
        Duration.ofDays(28));
    run.timeline.verify(() -> {
      assertThat(run.alerts()).hasSize(1);
      assertThat(run.alerts().get(0).level()).isEqualTo(AlertLevel.WARNING);
      // nights of the 13th, 14th and 15th: true at 05:00 each, held 2 days
      assertThat(run.alerts().get(0).at())
          .isEqualTo(ZonedDateTime.of(2026, 3, 15, 5, 0, 0, 0, PARIS).toInstant());
    });
  }
}
