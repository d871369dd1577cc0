package fr.beffroi.ops.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import fr.beffroi.rules.model.Action;
import fr.beffroi.rules.model.Booking;
import fr.beffroi.sim.model.building.BuildingConfig;
import fr.beffroi.sim.model.building.BuildingModel;
import fr.beffroi.sim.model.building.OiseClimate;
import fr.beffroi.sim.model.building.Occupancy;
import fr.beffroi.sim.model.building.ZoneConfig;
import fr.beffroi.sim.model.building.ZoneMode;
import fr.beffroi.sim.time.LeapClock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Scenario 2, rules {@code saint-leu/salle-confort-for-booking} and {@code salle-hors-gel-when-unused}:
 * a booking of the salle des fêtes in January pre-heats it to 19 °C from 3 h before the slot, réduit
 * (16 °C) after it, hors-gel (8 °C) once unused 48 h, réduit again 24 h before the next booking.
 */
class BookingHeatingScenarioTest {

  private static final ZoneId PARIS = ZoneId.of("Europe/Paris");
  private static final long SEED = 21;

  /**
   * A light village hall: UA 0.5 kW/K, τ 20 h, old building heating curve 1.5, and 40 kW of fan
   * heaters (80 × UA: an intermittently used hall is sized to warm up in a few hours).
   */
  private static BuildingConfig hall() {
    return new BuildingConfig("salle-des-fetes", SEED, 1.5, new OiseClimate(SEED), List.of(
        new ZoneConfig("salle", 0.5, 20, 19, 40, 0, 0.3, Occupancy.never(), 8.0, ZoneMode.HORS_GEL)));
  }

  private static Instant at(int day, int hour) {
    return ZonedDateTime.of(2026, 1, day, hour, 0, 0, 0, PARIS).toInstant();
  }

  private record Result(ScenarioRun run, Map<Instant, Double> roomC) {
    double room(Instant t) {
      return roomC.get(t);
    }

    List<String> modes() {
      return run.commands().stream().filter(c -> c.point().equals("zone1.mode"))
          .map(c -> ZoneMode.values()[(int) c.value()] + "@" + c.at().atZone(PARIS).toLocalDateTime()).toList();
    }
  }

  /** Mon 12 Jan to {@code end}, 5-minute steps; bookings sent on Tuesday. */
  private static Result simulate(Instant end, Booking... bookings) {
    LeapClock clock = LeapClock.at(at(12, 0));
    BuildingModel building = BuildingModel.create(hall(), clock);
    ScenarioRun run = new ScenarioRun("saint-leu", clock, new BmsDevice("bms-salle", building));
    Map<Instant, Double> roomC = new HashMap<>();
    run.run(end, Duration.ofMinutes(5), t -> {
      if (t.equals(at(13, 9))) {
        for (Booking b : bookings) {
          run.book(b);
        }
      }
      var snap = building.snapshot();
      double room = snap.zones().get(0).roomC();
      roomC.put(t, room);
      if (t.atZone(PARIS).getMinute() == 0 && t.atZone(PARIS).getHour() % 3 == 0) {
        run.timeline.input(t, String.format(java.util.Locale.ROOT, "out %.1f °C, room %.1f °C, %s",
            snap.outdoorC(), room, snap.zones().get(0).mode()));
      }
    });
    return new Result(run, roomC);
  }

  @Test
  void aSaturdayBookingIsWarmAtItsStartThenReduitThenHorsGelAfter48Hours() {
    Booking saturday = new Booking("b-17", "saint-leu", "salle-des-fetes", at(17, 14), at(17, 18), "comité des fêtes");
    Result r = simulate(at(21, 12), saturday);

    r.run.timeline.verify(() -> {
      assertThat(r.modes()).as("mode commands").containsSubsequence(
          "REDUIT@2026-01-16T14:00",        // 24 h before: from 8 °C back to 16 °C
          "CONFORT@2026-01-17T11:00",       // optimum start, 3 h before
          "REDUIT@2026-01-17T18:00",        // end of the slot
          "HORS_GEL@2026-01-19T18:00");     // unused for 48 h
      assertThat(r.modes()).as("confort only for the slot").filteredOn(m -> m.startsWith("CONFORT")).hasSize(1);
      assertThat(r.run.commands()).filteredOn(c -> c.point().equals("zone1.setpoint"))
          .extracting(Action.CommandAction::value).containsOnly(19.0);
      assertThat(r.room(at(17, 11))).as("réduit before the pre-heat").isBetween(15.0, 17.0);
      assertThat(r.room(at(17, 14))).as("warm at the start of the slot").isGreaterThanOrEqualTo(18.5);
      assertThat(r.room(at(17, 18))).as("comfort held through the slot").isGreaterThanOrEqualTo(18.5);
      assertThat(r.room(at(17, 23))).as("falling after the slot").isLessThan(r.room(at(17, 18)) - 1);
      assertThat(r.room(at(21, 6))).as("hors-gel holds 8 °C, not more").isBetween(7.0, 9.5);
    });
  }

  @Test
  void bookingsOnConsecutiveDaysStayInReduitBetweenAndNeverFallToHorsGel() {
    Booking saturday = new Booking("b-17", "saint-leu", "salle-des-fetes", at(17, 14), at(17, 18), "club");
    Booking sunday = new Booking("b-18", "saint-leu", "salle-des-fetes", at(18, 14), at(18, 18), "club");
    Result r = simulate(at(19, 12), saturday, sunday);

    r.run.timeline.verify(() -> {
      assertThat(r.modes()).containsSubsequence("REDUIT@2026-01-16T14:00", "CONFORT@2026-01-17T11:00",
          "REDUIT@2026-01-17T18:00", "CONFORT@2026-01-18T11:00", "REDUIT@2026-01-18T18:00");
      assertThat(r.modes()).filteredOn(m -> m.startsWith("HORS_GEL"))
          .allMatch(m -> m.compareTo("HORS_GEL@2026-01-16") < 0);
      assertThat(r.room(at(17, 14))).isGreaterThanOrEqualTo(18.5);
      assertThat(r.room(at(18, 14))).isGreaterThanOrEqualTo(18.5);
    });
  }
}
