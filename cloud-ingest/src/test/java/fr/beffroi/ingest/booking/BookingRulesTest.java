package fr.beffroi.ingest.booking;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BookingRulesTest {
    static final Instant NOW = Instant.parse("2026-11-25T10:00:00Z");

    @Test
    void aSlotInTheComingDaysIsAccepted() {
        assertThat(BookingRules.slotProblems(NOW.plusSeconds(3600), NOW.plusSeconds(7200), NOW)).isEmpty();
    }

    @Test
    void aSlotStartedAMomentAgoIsAcceptedOneStartedLongAgoIsNot() {
        assertThat(BookingRules.slotProblems(NOW.minus(Duration.ofMinutes(10)), NOW.plusSeconds(3600), NOW)).isEmpty();
        assertThat(BookingRules.slotProblems(NOW.minus(Duration.ofHours(1)), NOW.plusSeconds(3600), NOW))
                .singleElement().asString().startsWith("start: may be at most 15 min in the past");
    }

    @Test
    void endMustFollowStartAndTheSlotLastAtMostADay() {
        assertThat(BookingRules.slotProblems(NOW.plusSeconds(3600), NOW.plusSeconds(3600), NOW))
                .singleElement().asString().startsWith("end: must be after start");
        assertThat(BookingRules.slotProblems(NOW.plusSeconds(3600), NOW.plus(Duration.ofHours(26)), NOW))
                .singleElement().asString().startsWith("end: a booking lasts at most 24 h");
        assertThat(BookingRules.slotProblems(NOW.plus(Duration.ofDays(400)), NOW.plus(Duration.ofDays(400)).plusSeconds(60), NOW))
                .singleElement().asString().startsWith("start: at most 366 days ahead");
    }

    @Test
    void aBadgeIsUpperCasedHexAndACodeIsDigits() {
        assertThat(BookingRules.credential("04a1b2c3", null)).isEqualTo("04A1B2C3");
        assertThat(BookingRules.credential(null, "4821")).isEqualTo("4821");
        assertThatThrownBy(() -> BookingRules.credential("04A1B", null)).hasMessageStartingWith("badge:");
        assertThatThrownBy(() -> BookingRules.credential("XYZ12345", null)).hasMessageStartingWith("badge:");
        assertThatThrownBy(() -> BookingRules.credential(null, "12")).hasMessageStartingWith("code:");
        assertThatThrownBy(() -> BookingRules.credential(null, null)).hasMessage("give exactly one of badge or code");
        assertThatThrownBy(() -> BookingRules.credential("04A1B2C3", "1234")).hasMessage("give exactly one of badge or code");
    }

    @Test
    void roomsAreIds() {
        assertThat(BookingRules.roomProblems("salle-des-fetes")).isEmpty();
        assertThat(BookingRules.roomProblems("a/b")).singleElement().asString().startsWith("room: must match");
        assertThat(BookingRules.roomProblems(null)).containsExactly("room: required");
    }
}
