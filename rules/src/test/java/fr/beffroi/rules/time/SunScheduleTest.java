package fr.beffroi.rules.time;

import fr.beffroi.rules.model.Location;
import fr.beffroi.rules.model.SunEvent;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Beauvais, 49.43 N 2.08 E. Reference times from NOAA's sunrise equation (zenith 90.833°), which
 * almanacs agree with to the minute at this latitude: 21 June 05:45/22:01 CEST, 21 December
 * 08:45/16:55 CET.
 */
class SunScheduleTest {
    private static final ZoneId PARIS = ZoneId.of("Europe/Paris");
    private final SunSchedule beauvais = new SunSchedule(new Location(49.43, 2.08, PARIS));

    private static void near(Instant actual, String expected) {
        Instant e = Instant.parse(expected);
        assertThat(actual).isBetween(e.minus(Duration.ofMinutes(3)), e.plus(Duration.ofMinutes(3)));
    }

    @Test
    void midsummer() {
        near(beauvais.on(LocalDate.parse("2024-06-21"), SunEvent.SUNRISE).orElseThrow(), "2024-06-21T03:45:00Z");
        near(beauvais.on(LocalDate.parse("2024-06-21"), SunEvent.SUNSET).orElseThrow(), "2024-06-21T20:01:00Z");
    }

    @Test
    void midwinter() {
        near(beauvais.on(LocalDate.parse("2024-12-21"), SunEvent.SUNRISE).orElseThrow(), "2024-12-21T07:45:00Z");
        near(beauvais.on(LocalDate.parse("2024-12-21"), SunEvent.SUNSET).orElseThrow(), "2024-12-21T15:55:00Z");
    }

    @Test
    void nextAfterSkipsAnEventAlreadyPassedAndAppliesTheOffset() {
        Instant afterSunset = Instant.parse("2024-12-21T17:00:00Z");
        Instant next = beauvais.nextAfter(afterSunset, SunEvent.SUNSET, Duration.ofMinutes(-15)).orElseThrow();
        near(next, "2024-12-22T15:41:00Z");
    }

    @Test
    void daylight() {
        assertThat(beauvais.daylight(Instant.parse("2024-12-21T12:00:00Z"))).isTrue();
        assertThat(beauvais.daylight(Instant.parse("2024-12-21T17:00:00Z"))).isFalse();
    }
}
