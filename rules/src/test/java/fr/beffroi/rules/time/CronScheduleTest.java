package fr.beffroi.rules.time;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.ZoneId;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CronScheduleTest {
    private static final ZoneId PARIS = ZoneId.of("Europe/Paris");

    @Test
    void quartzExpressionsKeepTheirLocalTimeAcrossDaylightSaving() {
        CronSchedule six = CronSchedule.parse("0 0 6 * * ?");
        assertThat(six.nextAfter(Instant.parse("2026-03-28T12:00:00Z"), PARIS))
                .contains(Instant.parse("2026-03-29T04:00:00Z"));   // CEST from 29 March
        assertThat(six.nextAfter(Instant.parse("2026-03-27T12:00:00Z"), PARIS))
                .contains(Instant.parse("2026-03-28T05:00:00Z"));
    }

    @Test
    void nextIsStrictlyAfter() {
        CronSchedule six = CronSchedule.parse("0 0 6 * * ?");
        assertThat(six.nextAfter(Instant.parse("2026-01-15T05:00:00Z"), PARIS))
                .contains(Instant.parse("2026-01-16T05:00:00Z"));
    }

    @Test
    void unixFiveFieldExpressionsAreRefused() {
        assertThatThrownBy(() -> CronSchedule.parse("0 6 * * *")).isInstanceOf(IllegalArgumentException.class);
    }
}
