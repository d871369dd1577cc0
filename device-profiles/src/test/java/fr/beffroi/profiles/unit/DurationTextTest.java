package fr.beffroi.profiles.unit;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DurationTextTest {

    @Test
    void readsAWholeNumberWithItsUnit() {
        assertThat(DurationText.parse("250ms")).contains(Duration.ofMillis(250));
        assertThat(DurationText.parse("5s")).contains(Duration.ofSeconds(5));
        assertThat(DurationText.parse(" 2m ")).contains(Duration.ofMinutes(2));
        assertThat(DurationText.parse("1h")).contains(Duration.ofHours(1));
        assertThat(DurationText.parse("7d")).contains(Duration.ofDays(7));
    }

    @Test
    void refusesWhatHasNoUnitOrAnotherForm() {
        assertThat(DurationText.parse("5")).isEmpty();
        assertThat(DurationText.parse("-5s")).isEmpty();
        assertThat(DurationText.parse("1.5s")).isEmpty();
        assertThat(DurationText.parse("PT5S")).isEmpty();
        assertThatThrownBy(() -> DurationText.require("5"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'5' is not a duration").hasMessageContaining("250ms");
    }
}
