package fr.beffroi.ops.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import fr.beffroi.sim.model.load.LoadConfig;
import fr.beffroi.sim.model.load.LoadModel;
import fr.beffroi.sim.model.load.LoadSnapshot;
import fr.beffroi.sim.model.pv.PvInverterConfig;
import fr.beffroi.sim.model.pv.PvInverterModel;
import fr.beffroi.sim.time.LeapClock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Scenario 5, rule {@code liancourt/pv-surplus-water-heater}: the school's 36 kWc roof and its
 * consumption behind one grid meter read every minute; the 3 kW water heater runs on the surplus —
 * on after 10 min of export above 3 kW, off once the export stayed under 0.5 kW for 5 min.
 */
class PvSurplusScenarioTest {

  private static final ZoneId PARIS = ZoneId.of("Europe/Paris");

  private record Day(ScenarioRun run, List<LocalTime> onMinutes, int switchOns) {}

  private static Day simulate(PvInverterConfig pvConfig, ZonedDateTime start, Duration length) {
    LeapClock clock = LeapClock.at(start.toInstant());
    PvInverterModel pv = PvInverterModel.create(pvConfig, clock);
    LoadModel load = new LoadModel(LoadConfig.school(8), clock);
    ScenarioRun run = new ScenarioRun("liancourt", clock, c -> {
      if (c.device().equals("chauffe-eau-ecole") && c.point().equals("relay")) {
        load.setWaterHeater(c.value() != 0);
      }
    });
    List<LocalTime> on = new ArrayList<>();
    int[] switchOns = {0};
    boolean[] was = {false};
    run.run(start.toInstant().plus(length), Duration.ofMinutes(1), t -> {
      double pvKw = pv.acPowerW(t) / 1000;
      LoadSnapshot l = load.snapshot(t);
      double grid = l.gridKw(pvKw);
      boolean show = t.atZone(PARIS).getMinute() == 0 || l.heaterOn() != was[0];
      if (show) {
        run.timeline.input(t, String.format(java.util.Locale.ROOT, "pv %.1f kW, load %.1f kW (heater %s)",
            pvKw, l.consumptionKw(), l.heaterOn() ? "on" : "off"));
      }
      run.read("compteur-ecole", "activePower", grid, "kW", show);
      if (load.waterHeaterOn()) {
        on.add(t.atZone(PARIS).toLocalTime());
        if (!was[0]) {
          switchOns[0]++;
        }
      }
      was[0] = load.waterHeaterOn();
    });
    return new Day(run, on, switchOns[0]);
  }

  @Test
  void onASunnySchoolDayTheWaterHeaterRunsAroundMiddayAndNeverAtNight() {
    Day d = simulate(PvInverterConfig.oise(8, 36).withClearSky(), ZonedDateTime.of(2026, 6, 22, 0, 0, 0, 0, PARIS),
        Duration.ofDays(1));
    d.run.timeline.verify(() -> {
      assertThat(d.onMinutes()).as("runs at solar noon").contains(LocalTime.of(13, 30), LocalTime.of(12, 0));
      assertThat(d.onMinutes()).as("never at night")
          .allMatch(t -> t.isAfter(LocalTime.of(7, 0)) && t.isBefore(LocalTime.of(21, 0)));
      assertThat(d.onMinutes().size()).as("hours of surplus heating").isGreaterThan(6 * 60);
      assertThat(d.switchOns()).as("no flapping").isLessThanOrEqualTo(3);
      List<Double> relay = d.run.commands().stream().map(c -> c.value()).toList();
      assertThat(relay).as("each command a change: on, off, on...").isNotEmpty();
      for (int i = 0; i < relay.size(); i++) {
        assertThat(relay.get(i)).as("command %d", i).isEqualTo(i % 2 == 0 ? 1.0 : 0.0);
      }
    });
  }

  @Test
  void aDarkDecemberDayOfCloudsLeavesTheHeaterOff() {
    // seeded clouds in December: 25 kWh/kWc a month, a roof that barely covers the school's load
    Day d = simulate(PvInverterConfig.oise(8, 36), ZonedDateTime.of(2026, 12, 14, 0, 0, 0, 0, PARIS),
        Duration.ofDays(1));
    d.run.timeline.verify(() -> assertThat(d.onMinutes()).as("no surplus, no heating at night either")
        .allMatch(t -> t.isAfter(LocalTime.of(8, 0)) && t.isBefore(LocalTime.of(17, 0))));
  }
}
