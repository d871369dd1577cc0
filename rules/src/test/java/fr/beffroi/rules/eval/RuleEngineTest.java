package fr.beffroi.rules.eval;

import fr.beffroi.rules.model.Action;
import fr.beffroi.rules.model.AlertLevel;
import fr.beffroi.rules.model.Booking;
import fr.beffroi.rules.model.Location;
import fr.beffroi.rules.model.SunEvent;
import fr.beffroi.rules.time.SunSchedule;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;

import static java.time.Duration.ofMinutes;
import static java.time.Duration.ofSeconds;
import static org.assertj.core.api.Assertions.assertThat;

/** Input→output timelines on a leaping clock: what each rule emits, and when. */
class RuleEngineTest {
    private static final Instant EVENING = Instant.parse("2026-01-15T18:00:00Z");

    private static final String GYM = """
            tenant: saint-leu
            rules:
              - id: gym-lights
                mode: restart
                inputs:
                  presence: {device: gym-pir, point: presence}
                  lux:      {device: gym-lux, point: lux}
                when: [ {reading: {device: gym-pir, point: presence}} ]
                if: "presence > 0.0 && lux < 200"
                then: [ {command: {device: gym-relay, point: lights, value: 1, expires: 2m}} ]
                else: [ {delay: 10m}, {command: {device: gym-relay, point: lights, value: 0, expires: 2m}} ]
            """;

    @Test
    void hoursToBookingLetsARuleLookAheadAtTheNextBookingOfARoom() {
        Harness h = new Harness("""
                tenant: saint-leu
                rules:
                  - id: hall-warm
                    when: [ {cron: "0 0 * * * ?"} ]
                    if: "'hall' in hours_to_booking && hours_to_booking['hall'] <= 3.0"
                    then: [ {command: {device: hall, point: mode, value: 3, expires: 15m}} ]
                    else: [ {command: {device: hall, point: mode, value: 2, expires: 15m}} ]
                """, EVENING);
        h.engine.onBooking(new Booking("b1", "saint-leu", "hall", EVENING.plus(Duration.ofHours(5)),
                EVENING.plus(Duration.ofHours(7)), "club"));
        h.leap(Duration.ofHours(12));
        assertThat(h.commands()).containsExactly("hall.mode=3@20:00:00", "hall.mode=2@01:00:00");
    }

    @Test
    void activeLatchesTheRuleSoOnAndOffCanUseDifferentExpressions() {
        Harness h = new Harness("""
                tenant: saint-leu
                rules:
                  - id: boiler
                    inputs:
                      export:    {device: meter, point: export}
                      exportMax: {device: meter, point: export, max: 5m}
                    if: "active ? exportMax >= 0.5 : export > 3.0"
                    for: 10m
                    then: [ {command: {device: heater, point: relay, value: 1, expires: 2m}} ]
                    else: [ {command: {device: heater, point: relay, value: 0, expires: 2m}} ]
                """, EVENING);
        for (int i = 0; i <= 10; i++) {        // 18:00..18:10 above 3 kW
            h.read("meter", "export", 4);
            h.leap(ofMinutes(1));
        }
        assertThat(h.commands()).containsExactly("heater.relay=1@18:10:00");
        h.read("meter", "export", 1);           // 18:11: under the on threshold, still on
        h.leap(ofMinutes(1));
        for (int i = 0; i < 6; i++) {           // 18:12..18:17 under 0.5 kW
            h.read("meter", "export", 0.2);
            h.leap(ofMinutes(1));
        }
        assertThat(h.commands()).as("off once the last 5 min all stayed under 0.5")
                .containsExactly("heater.relay=0@18:16:00");
        assertThat(h.engine.state("boiler").orElseThrow().active()).isFalse();
    }

    @Test
    void lightsGoOffTenMinutesAfterTheLastPresenceAndPresenceAgainCancelsTheOff() {
        Harness h = new Harness(GYM, EVENING);
        h.read("gym-lux", "lux", 50);
        assertThat(h.commands()).as("lux is not a trigger").isEmpty();

        h.read("gym-pir", "presence", 1);
        assertThat(h.commands()).containsExactly("gym-relay.lights=1@18:00:00");

        h.leap(ofMinutes(5));
        h.read("gym-pir", "presence", 0);
        h.leap(ofMinutes(5));
        assertThat(h.commands()).as("off still waits its 10 min").isEmpty();

        h.read("gym-pir", "presence", 1);       // 18:10, during the delay: restart cancels the off
        assertThat(h.commands()).containsExactly("gym-relay.lights=1@18:10:00");
        h.leap(ofMinutes(30));
        assertThat(h.commands()).as("the cancelled off never comes").isEmpty();

        h.read("gym-pir", "presence", 0);       // 18:40
        h.leap(ofMinutes(60));
        assertThat(h.commands()).containsExactly("gym-relay.lights=0@18:50:00");
    }

    @Test
    void aCommandCarriesItsIssuerAndExpiry() {
        Harness h = new Harness(GYM, EVENING);
        h.read("gym-lux", "lux", 50);
        h.read("gym-pir", "presence", 1);

        Action.CommandAction c = (Action.CommandAction) h.take().get(0);
        assertThat(c.tenant()).isEqualTo("saint-leu");
        assertThat(c.issuer()).isEqualTo("rule:gym-lights");
        assertThat(c.expiresAt()).isEqualTo(EVENING.plus(ofMinutes(2)));
        assertThat(c.toWire("cmd-1").issuedBy()).isEqualTo("rule:gym-lights");
    }

    @Test
    void aPendingOffSurvivesARestart() {
        Harness h = new Harness(GYM, EVENING);
        h.read("gym-lux", "lux", 50);
        h.read("gym-pir", "presence", 1);
        h.read("gym-pir", "presence", 0);
        h.take();

        h.leap(ofMinutes(4));
        h.restart();
        h.leap(ofMinutes(30));

        assertThat(h.commands()).containsExactly("gym-relay.lights=0@18:10:00");
    }

    private static final String OVERHEAT = """
            tenant: t
            rules:
              - id: boiler-overheat
                inputs: {temp: {device: boiler, point: flow_temp}}
                if: temp > 85.0
                for: 5m
                then: [ {alert: {level: critical, message: overheat}} ]
            """;

    @Test
    void forFiresOnceTheConditionHasHeldEvenAcrossARestart() {
        Harness h = new Harness(OVERHEAT, EVENING);
        h.read("boiler", "flow_temp", 90);       // t0
        h.leap(ofMinutes(3));
        assertThat(h.take()).isEmpty();

        h.restart();                              // engine discarded at t0+3m
        h.leap(ofMinutes(1));
        assertThat(h.take()).isEmpty();
        h.leap(ofMinutes(1));                     // t0+5m

        assertThat(h.take()).singleElement().satisfies(a -> {
            assertThat(a).isInstanceOf(Action.AlertAction.class);
            assertThat(((Action.AlertAction) a).level()).isEqualTo(AlertLevel.CRITICAL);
            assertThat(a.at()).isEqualTo(EVENING.plus(ofMinutes(5)));
        });
        h.read("boiler", "flow_temp", 91);
        h.leap(ofMinutes(30));
        assertThat(h.take()).as("fires exactly once").isEmpty();
    }

    @Test
    void forDoesNotFireWhenTheConditionBreaksBeforeTheEnd() {
        Harness h = new Harness(OVERHEAT, EVENING);
        h.read("boiler", "flow_temp", 90);
        h.leap(ofMinutes(4));
        h.read("boiler", "flow_temp", 80);
        h.leap(ofMinutes(1));
        h.read("boiler", "flow_temp", 90);        // t0+5m: a new 5 min start here
        h.leap(ofMinutes(4));
        assertThat(h.take()).isEmpty();
        h.leap(ofMinutes(1));
        assertThat(h.take()).hasSize(1);
    }

    private static final String PIEZO = """
            tenant: t
            rules:
              - id: piezo-alert
                inputs: {level: {device: piezo, point: level}}
                hysteresis: {input: level, on_below: 52.0, off_above: 52.3}
                then: [ {alert: {level: warning, message: low}} ]
                else: [ {alert: {level: info, message: back}} ]
            """;

    @Test
    void hysteresisSwitchesOnBothCrossingsAndNoiseInsideTheBandDoesNotFlap() {
        Harness h = new Harness(PIEZO, EVENING);
        for (double v : new double[]{52.5, 52.1, 52.01}) h.read("piezo", "level", v);
        assertThat(h.commands()).as("above on_below: off").isEmpty();

        h.read("piezo", "level", 51.9);
        assertThat(h.commands()).containsExactly("alert:low@18:00:00");
        for (double v : new double[]{52.1, 51.95, 52.25, 52.0, 52.29, 52.3}) h.read("piezo", "level", v);
        assertThat(h.commands()).as("noise inside the band").isEmpty();

        h.read("piezo", "level", 52.35);
        assertThat(h.commands()).containsExactly("alert:back@18:00:00");
        for (double v : new double[]{52.2, 52.01, 52.29}) h.read("piezo", "level", v);
        assertThat(h.commands()).isEmpty();

        h.read("piezo", "level", 51.99);
        assertThat(h.commands()).containsExactly("alert:low@18:00:00");
    }

    @Test
    void restoredStateNeverCountsAsAChange() {
        Harness h = new Harness(PIEZO, EVENING);
        h.read("piezo", "level", 51.9);
        assertThat(h.take()).hasSize(1);

        h.restart();
        h.leap(ofMinutes(10));
        assertThat(h.take()).as("restoring fires nothing").isEmpty();

        // inside the band: the restored switch stays on; a forgotten one would read "off" and fire else
        h.read("piezo", "level", 52.1);
        assertThat(h.take()).isEmpty();
        assertThat(h.engine.state("piezo-alert")).hasValueSatisfying(s -> {
            assertThat(s.hysteresis()).isTrue();
            assertThat(s.active()).isTrue();
            assertThat(s.lastValues()).containsEntry("level", 52.1);
        });

        h.read("piezo", "level", 52.4);
        assertThat(h.commands()).containsExactly("alert:back@18:10:00");
    }

    @Test
    void restoredLastValuesAndActiveLightsDoNotFireAgain() {
        Harness h = new Harness(GYM, EVENING);
        h.read("gym-lux", "lux", 50);
        h.read("gym-pir", "presence", 1);
        h.take();

        h.restart();
        h.leap(ofMinutes(1));
        h.read("gym-pir", "presence", 1);        // still there: no new command
        assertThat(h.take()).isEmpty();
    }

    @Test
    void cronFiresAtItsLocalTimeEvenInALeap() {
        Harness h = new Harness("""
                tenant: t
                rules:
                  - id: morning
                    when: [ {cron: "0 0 6 * * ?"} ]
                    then: [ {command: {device: boiler, point: setpoint, value: 19.5, expires: 10m}} ]
                """, Instant.parse("2026-01-14T22:00:00Z"));

        h.leap(Duration.ofDays(2));

        // 06:00 in Paris is 05:00 UTC in winter, each day once
        assertThat(h.take()).extracting(Action::at).containsExactly(
                Instant.parse("2026-01-15T05:00:00Z"), Instant.parse("2026-01-16T05:00:00Z"));
    }

    @Test
    void sunsetTriggerFiresAtSunsetMinusItsOffsetAtTheTenantsLocation() {
        Harness h = new Harness("""
                tenant: t
                location: {latitude: 49.43, longitude: 2.08}
                rules:
                  - id: dusk
                    when: [ {sun: {event: sunset, offset: -15m}} ]
                    then: [ {command: {device: street, point: lights, value: 1, expires: 5m}} ]
                """, Instant.parse("2026-06-21T00:00:00Z"));

        h.leap(Duration.ofDays(1));

        Instant sunset = new SunSchedule(new Location(49.43, 2.08, ZoneId.of("Europe/Paris")))
                .on(LocalDate.parse("2026-06-21"), SunEvent.SUNSET).orElseThrow();
        assertThat(h.take()).extracting(Action::at).containsExactly(sunset.minus(ofMinutes(15)));
        // Beauvais, midsummer: sunset about 22:01 CEST
        assertThat(sunset).isBetween(Instant.parse("2026-06-21T19:58:00Z"), Instant.parse("2026-06-21T20:04:00Z"));
    }

    private static final String HALL = """
            tenant: saint-leu
            rules:
              - id: warm-hall
                when: [ {booking: {room: salle-des-fetes, at: start, offset: -2h}} ]
                then: [ {command: {device: hall-boiler, point: setpoint, value: 19, expires: 15m}} ]
              - id: cool-hall
                when: [ {booking: {room: salle-des-fetes, at: end}} ]
                then: [ {command: {device: hall-boiler, point: setpoint, value: 8, expires: 15m}} ]
            """;

    @Test
    void bookingStartWithOffsetAndBookingEnd() {
        Harness h = new Harness(HALL, Instant.parse("2026-03-10T08:00:00Z"));
        h.engine.onBooking(new Booking("b1", "saint-leu", "salle-des-fetes",
                Instant.parse("2026-03-10T18:00:00Z"), Instant.parse("2026-03-10T23:00:00Z"), "Comité des fêtes"));
        h.engine.onBooking(new Booking("b2", "saint-leu", "gym",
                Instant.parse("2026-03-10T18:00:00Z"), Instant.parse("2026-03-10T20:00:00Z"), "Judo club"));

        h.clock.set(Instant.parse("2026-03-10T15:59:59Z"));
        h.engine.tick();
        assertThat(h.take()).isEmpty();
        h.leap(Duration.ofHours(12));

        assertThat(h.commands()).containsExactly("hall-boiler.setpoint=19@16:00:00", "hall-boiler.setpoint=8@23:00:00");
    }

    @Test
    void aCancelledBookingFiresNothing() {
        Harness h = new Harness(HALL, Instant.parse("2026-03-10T08:00:00Z"));
        h.engine.onBooking(new Booking("b1", "saint-leu", "salle-des-fetes",
                Instant.parse("2026-03-10T18:00:00Z"), Instant.parse("2026-03-10T23:00:00Z"), "Comité des fêtes"));
        h.leap(Duration.ofHours(1));
        h.engine.onBookingCancelled("b1");
        h.leap(Duration.ofDays(1));
        assertThat(h.take()).isEmpty();
    }

    @Test
    void aBookingMadeLateStillWarmsTheHallButAPastOneFiresNothing() {
        Harness h = new Harness(HALL, Instant.parse("2026-03-10T17:00:00Z"));
        // made at 17:00 for 18:00: the warm-up instant (16:00) has passed, the start has not
        h.engine.onBooking(new Booking("late", "saint-leu", "salle-des-fetes",
                Instant.parse("2026-03-10T18:00:00Z"), Instant.parse("2026-03-10T19:00:00Z"), "Mairie"));
        assertThat(h.commands()).containsExactly("hall-boiler.setpoint=19@17:00:00");
        // told at 17:00 about a booking that started at 15:00: only its end is still to come
        h.engine.onBooking(new Booking("past", "saint-leu", "salle-des-fetes",
                Instant.parse("2026-03-10T15:00:00Z"), Instant.parse("2026-03-10T20:00:00Z"), "Club"));
        assertThat(h.take()).isEmpty();
        h.leap(Duration.ofHours(5));
        assertThat(h.commands()).containsExactly("hall-boiler.setpoint=8@19:00:00", "hall-boiler.setpoint=8@20:00:00");
    }

    @Test
    void twoBookingsAtOneInstantFireOnceAndABookingMovedFiresAtItsNewTime() {
        Harness h = new Harness(HALL, Instant.parse("2026-03-10T08:00:00Z"));
        h.engine.onBooking(new Booking("a", "saint-leu", "salle-des-fetes",
                Instant.parse("2026-03-10T18:00:00Z"), Instant.parse("2026-03-10T19:00:00Z"), "A"));
        h.engine.onBooking(new Booking("b", "saint-leu", "salle-des-fetes",
                Instant.parse("2026-03-10T18:00:00Z"), Instant.parse("2026-03-10T19:00:00Z"), "B"));
        h.engine.onBooking(new Booking("c", "saint-leu", "salle-des-fetes",
                Instant.parse("2026-03-10T12:00:00Z"), Instant.parse("2026-03-10T13:00:00Z"), "C"));
        h.engine.onBooking(new Booking("c", "saint-leu", "salle-des-fetes",
                Instant.parse("2026-03-10T14:00:00Z"), Instant.parse("2026-03-10T15:00:00Z"), "C"));
        h.leap(Duration.ofHours(10));
        assertThat(h.commands()).containsExactly("hall-boiler.setpoint=19@12:00:00",
                "hall-boiler.setpoint=8@15:00:00", "hall-boiler.setpoint=19@16:00:00");
    }

    @Test
    void windowedAverageForgetsReadingsOlderThanItsWindow() {
        Harness h = new Harness("""
                tenant: t
                rules:
                  - id: cold
                    inputs: {t: {device: room, point: temp, avg: 10m}}
                    if: t < 20.0
                    then: [ {alert: {message: cold}} ]
                """, EVENING);
        h.read("room", "temp", 40);
        h.leap(ofMinutes(5));
        h.read("room", "temp", 15);
        h.leap(ofMinutes(4));
        h.read("room", "temp", 15);               // avg(40, 15, 15) = 23.3
        assertThat(h.take()).isEmpty();
        h.leap(ofMinutes(2));
        h.read("room", "temp", 15);               // 18:11: the 40 of 18:00 has left the window
        assertThat(h.commands()).containsExactly("alert:cold@18:11:00");
    }

    @Test
    void countOverAWindow() {
        Harness h = new Harness("""
                tenant: t
                rules:
                  - id: busy-door
                    inputs: {opens: {device: door, point: opened, count: 1h}}
                    if: opens >= 3
                    then: [ {alert: {message: busy}} ]
                """, EVENING);
        h.read("door", "opened", 1);
        h.leap(ofMinutes(50));
        h.read("door", "opened", 1);
        h.leap(ofMinutes(20));
        h.read("door", "opened", 1);              // the first one is more than 1 h old
        assertThat(h.take()).isEmpty();
        h.leap(ofMinutes(1));
        h.read("door", "opened", 1);
        assertThat(h.take()).hasSize(1);
    }

    private static Harness button(String mode) {
        return new Harness("""
                tenant: t
                rules:
                  - id: button
                    mode: %s
                    when: [ {reading: {device: btn, point: press}} ]
                    then: [ {alert: {message: start}}, {delay: 5m}, {alert: {message: end}} ]
                """.formatted(mode), Instant.parse("2026-01-15T00:00:00Z"));
    }

    private static java.util.List<String> pressTwice(Harness h) {
        h.read("btn", "press", 1);
        h.leap(ofMinutes(2));
        h.read("btn", "press", 1);
        h.leap(ofMinutes(20));
        return h.commands();
    }

    @Test
    void singleIgnoresAFiringWhileRunning() {
        assertThat(pressTwice(button("single"))).containsExactly("alert:start@00:00:00", "alert:end@00:05:00");
    }

    @Test
    void restartCancelsTheRunningSequence() {
        assertThat(pressTwice(button("restart"))).containsExactly(
                "alert:start@00:00:00", "alert:start@00:02:00", "alert:end@00:07:00");
    }

    @Test
    void queuedRunsAfterTheCurrentOne() {
        assertThat(pressTwice(button("queued"))).containsExactly(
                "alert:start@00:00:00", "alert:end@00:05:00", "alert:start@00:05:00", "alert:end@00:10:00");
    }

    @Test
    void parallelRunsBoth() {
        assertThat(pressTwice(button("parallel"))).containsExactly(
                "alert:start@00:00:00", "alert:start@00:02:00", "alert:end@00:05:00", "alert:end@00:07:00");
    }

    @Test
    void aQueuedSequenceSurvivesARestart() {
        Harness h = button("queued");
        h.read("btn", "press", 1);
        h.leap(ofMinutes(1));
        h.read("btn", "press", 1);
        h.take();
        h.restart();
        h.leap(ofMinutes(20));
        assertThat(h.commands()).containsExactly("alert:end@00:05:00", "alert:start@00:05:00", "alert:end@00:10:00");
    }

    @Test
    void contextVariablesReachTheCondition() {
        Harness h = new Harness("""
                tenant: saint-leu
                rules:
                  - id: night-door
                    inputs: {open: {device: door, point: open}}
                    if: open > 0.0 && (hour >= 22 || hour < 6) && !('gym' in booked)
                    then: [ {alert: {message: door open at night}} ]
                    else: [ {alert: {message: closed}} ]
                """, Instant.parse("2026-01-15T21:30:00Z"));  // 22:30 in Paris
        h.engine.onBooking(new Booking("b", "saint-leu", "gym", Instant.parse("2026-01-15T21:00:00Z"),
                Instant.parse("2026-01-15T22:00:00Z"), "Badminton"));
        h.read("door", "open", 1);
        assertThat(h.take()).as("the gym is booked until 23:00").isEmpty();
        h.leap(ofMinutes(31));
        h.read("door", "open", 1);
        assertThat(h.commands()).containsExactly("alert:door open at night@22:01:00");
    }

    @Test
    void badReadingsAreIgnored() {
        Harness h = new Harness(OVERHEAT.replace("for: 5m", "for: 0s"), EVENING);
        h.engine.onReading(new fr.beffroi.profiles.wire.Reading(1, "boiler", "flow_temp", EVENING, 120, "Cel",
                fr.beffroi.profiles.wire.Quality.BAD));
        assertThat(h.take()).isEmpty();
        h.read("boiler", "flow_temp", 120);
        assertThat(h.take()).hasSize(1);
    }

    @Test
    void nextDueTellsWhenToTickNext() {
        Harness h = new Harness(OVERHEAT, EVENING);
        assertThat(h.engine.nextDue()).isEmpty();
        h.read("boiler", "flow_temp", 90);
        assertThat(h.engine.nextDue()).contains(EVENING.plus(ofMinutes(5)));
        h.leap(ofSeconds(1));
    }
}
