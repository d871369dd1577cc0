package fr.beffroi.ops.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import fr.beffroi.rules.model.Action;
import fr.beffroi.rules.model.AlertLevel;
import fr.beffroi.sim.model.groundwater.AquiferConfig;
import fr.beffroi.sim.model.groundwater.AquiferModel;
import fr.beffroi.sim.model.groundwater.Drought;
import fr.beffroi.sim.model.groundwater.ProbeSample;
import fr.beffroi.sim.time.LeapClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Scenario 3, rules {@code liancourt/piezo-*}: a year of the plateau piezometer through a drought
 * (−3.6 m over 8 months from April, recovering over 10 months, DOMAIN.md's 2022–23 range), hourly
 * samples with their 1 cm AR(1) noise. Each drought order (vigilance 72.5, alerte 71.5, alerte
 * renforcée 70.8, crise 70.2 m NGF) alerts once on the way down and once on the way back up.
 */
class GroundwaterThresholdsScenarioTest {

  private static final Instant START = Instant.parse("2026-03-01T00:00:00Z");

  @Test
  void eachDroughtOrderAlertsOnceDownAndOnceBackUpWithoutFlapping() {
    Drought drought = new Drought(Instant.parse("2026-04-01T00:00:00Z"), Duration.ofDays(240), 3.6,
        Duration.ofDays(300));
    for (long seed : new long[] {11, 12, 13}) {
      LeapClock clock = LeapClock.at(START);
      AquiferModel probe = new AquiferModel(AquiferConfig.plateau(seed).withDrought(drought), clock);
      ScenarioRun run = new ScenarioRun("liancourt", clock, c -> { });
      List<Double> levels = new ArrayList<>();
      run.run(START.plus(Duration.ofDays(365)), Duration.ofHours(1), t -> {
        ProbeSample s = probe.snapshot();
        levels.add(s.levelM());
        boolean show = t.atZone(run.engine.rules().zone()).getDayOfMonth() == 1
            && t.atZone(run.engine.rules().zone()).getHour() == 0;
        run.read("piezo-plateau", "level", s.levelM(), "m", show);
      });

      run.timeline.verify(() -> {
        assertThat(run.alerts()).as("seed %d: one alert per crossing, in order", seed)
            .extracting(a -> a.ruleId() + ":" + (a.level() == AlertLevel.INFO ? "up" : "down"))
            .containsExactly(
                "piezo-vigilance:down", "piezo-alerte:down", "piezo-alerte-renforcee:down", "piezo-crise:down",
                "piezo-crise:up", "piezo-alerte-renforcee:up", "piezo-alerte:up", "piezo-vigilance:up");
        assertThat(run.alerts()).filteredOn(a -> a.ruleId().equals("piezo-crise") && a.level() != AlertLevel.INFO)
            .extracting(Action.AlertAction::level).containsOnly(AlertLevel.CRITICAL);
        assertThat(levels).as("the noise is there: consecutive hours differ").doesNotHaveDuplicates();
      });
    }
  }
}
