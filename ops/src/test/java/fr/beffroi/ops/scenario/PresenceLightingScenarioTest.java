package fr.beffroi.ops.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import fr.beffroi.sim.model.building.BuildingConfig;
import fr.beffroi.sim.model.building.BuildingModel;
import fr.beffroi.sim.model.building.ZoneSnapshot;
import fr.beffroi.sim.time.LeapClock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * Scenario 1, rule {@code liancourt/classe1-presence-lights}: presence → lights on; 10 min without
 * presence → off; presence again within the 10 min cancels the off (run mode restart).
 */
class PresenceLightingScenarioTest {

  private static final ZoneId PARIS = ZoneId.of("Europe/Paris");
  private static final Instant MONDAY = ZonedDateTime.of(2026, 1, 12, 0, 0, 0, 0, PARIS).toInstant();

  private static Instant local(int hour, int minute) {
    return MONDAY.atZone(PARIS).with(LocalTime.of(hour, minute)).toInstant();
  }

  @Test
  void lightsFollowPresenceWithATenMinuteDelayOffThatPresenceAgainCancels() {
    LeapClock clock = LeapClock.at(local(7, 50));
    BuildingModel school = BuildingModel.create(BuildingConfig.school(1), clock);
    ScenarioRun run = new ScenarioRun("liancourt", clock, new BmsDevice("bms-ecole", school));
    // the PIR as the BMS driver polls it, once a minute; a change of value at each key
    TreeMap<Instant, Integer> pir = new TreeMap<>(Map.of(
        local(7, 50), 0, local(8, 0), 1, local(8, 5), 0, local(8, 12), 1, local(8, 20), 0));
    Instant[] lightsOffAt = new Instant[1];
    run.run(local(9, 0), Duration.ofMinutes(1), t -> {
      int presence = pir.floorEntry(t).getValue();
      run.read("bms-ecole", "zone1.presence", presence, "1", pir.containsKey(t));
      boolean on = school.snapshot().zones().get(0).light1();
      if (!on && lightsOffAt[0] == null && t.isAfter(local(8, 0))) {
        lightsOffAt[0] = t;
      }
    });

    run.timeline.verify(() -> {
      assertThat(run.commands()).extracting(c -> c.point() + "=" + ScenarioRun.fmt(c.value()) + "@"
              + c.at().atZone(PARIS).toLocalTime())
          .containsExactly("zone1.light1=1@08:00", "zone1.light1=1@08:12", "zone1.light1=0@08:30");
      assertThat(lightsOffAt[0]).as("the 08:15 off was cancelled; off 10 min after 08:20").isEqualTo(local(8, 30));
      assertThat(school.snapshot().zones().get(0).light1()).isFalse();
    });
  }

  @Test
  void aSchoolDayOfSimulatedPresenceLightsTheClassOnlyWhileSomeoneWasThereInTheLastTenMinutes() {
    LeapClock clock = LeapClock.at(MONDAY);
    BuildingModel school = BuildingModel.create(BuildingConfig.school(4), clock);
    ScenarioRun run = new ScenarioRun("liancourt", clock, new BmsDevice("bms-ecole", school));
    Instant[] lastPresence = new Instant[1];
    int[] minutesLit = new int[1];
    List<String> violations = new java.util.ArrayList<>();
    boolean[] previous = new boolean[1];
    run.run(MONDAY.plus(Duration.ofDays(1)), Duration.ofMinutes(1), t -> {
      ZoneSnapshot zone = school.snapshot().zones().get(0);
      run.read("bms-ecole", "zone1.presence", zone.presence() ? 1 : 0, "1", zone.presence() != previous[0]);
      previous[0] = zone.presence();
      if (zone.presence()) {
        lastPresence[0] = t;
      }
      boolean lit = school.snapshot().zones().get(0).light1();
      minutesLit[0] += lit ? 1 : 0;
      boolean shouldBeLit = lastPresence[0] != null && t.isBefore(lastPresence[0].plus(Duration.ofMinutes(11)));
      if (lit != shouldBeLit) {
        violations.add(t.atZone(PARIS).toLocalTime() + " lit=" + lit + " last presence " + lastPresence[0]);
      }
    });

    run.timeline.verify(() -> {
      assertThat(violations).isEmpty();
      assertThat(minutesLit[0]).as("lit through the lessons, 08:30–16:30 and 10 min after")
          .isBetween(6 * 60, 8 * 60 + 11);
    });
  }
}
