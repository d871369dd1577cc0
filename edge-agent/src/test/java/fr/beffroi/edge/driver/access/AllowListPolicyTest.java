package fr.beffroi.edge.driver.access;

import fr.beffroi.profiles.wire.AllowList;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class AllowListPolicyTest {
    private static final Instant FROM = Instant.parse("2027-03-06T18:00:00Z");
    private static final Instant UNTIL = Instant.parse("2027-03-06T20:00:00Z");
    private static final Instant HORIZON = Instant.parse("2027-03-08T00:00:00Z");

    private static AllowList list(long version, Instant validUntil, AllowList.Entry... entries) {
        return new AllowList("liancourt", "gw1", version, FROM.minus(Duration.ofDays(1)), validUntil, List.of(entries));
    }

    private static AllowList.Entry gym(String badge, String booking, Instant from, Instant until) {
        return new AllowList.Entry("gym-door", badge, booking, from, until);
    }

    private final AllowListPolicy policy = new AllowListPolicy();

    @Test
    void deniesEverythingBeforeAnyList() {
        assertThat(policy.decide("gym-door", "0A1B", FROM)).isEqualTo(AccessDecision.deny("no allow-list received yet"));
    }

    @Test
    void opensFifteenMinutesBeforeTheSlotUntilItsEndExclusive() {
        policy.install(list(1, HORIZON, gym("0A1B", "bk-42", FROM, UNTIL)));

        assertThat(policy.decide("gym-door", "0A1B", FROM.minus(Duration.ofMinutes(15)).minusMillis(1)).granted()).isFalse();
        AccessDecision early = policy.decide("gym-door", "0A1B", FROM.minus(Duration.ofMinutes(15)));
        assertThat(early.granted()).isTrue();
        assertThat(early.reason()).isEqualTo("booking bk-42 2027-03-06T18:00:00Z..2027-03-06T20:00:00Z");
        assertThat(policy.decide("gym-door", "0a1b", UNTIL.minusMillis(1)).granted()).as("badge case").isTrue();
        AccessDecision late = policy.decide("gym-door", "0A1B", UNTIL);
        assertThat(late.granted()).isFalse();
        assertThat(late.reason()).isEqualTo(
                "outside booking bk-42 2027-03-06T18:00:00Z..2027-03-06T20:00:00Z: ended at 2027-03-06T20:00:00Z");
        assertThat(policy.decide("gym-door", "0A1B", FROM.minus(Duration.ofHours(1))).reason())
                .endsWith("opens at 2027-03-06T17:45:00Z");
    }

    @Test
    void anotherDoorOrAnUnknownBadgeIsDenied() {
        policy.install(list(1, HORIZON, gym("0A1B", "bk-42", FROM, UNTIL)));

        assertThat(policy.decide("hall-door", "0A1B", FROM).reason()).isEqualTo("no booking for this badge on this door");
        assertThat(policy.decide("gym-door", "FFFF", FROM).reason()).isEqualTo("no booking for this badge on this door");
    }

    @Test
    void pastValidUntilEveryBadgeIsDeniedEvenInsideItsSlot() {
        Instant horizon = FROM.plus(Duration.ofMinutes(30));
        policy.install(list(3, horizon, gym("0A1B", "bk-42", FROM, UNTIL)));

        assertThat(policy.decide("gym-door", "0A1B", horizon.minusMillis(1)).granted()).isTrue();
        AccessDecision d = policy.decide("gym-door", "0A1B", horizon);
        assertThat(d.granted()).isFalse();
        assertThat(d.reason()).startsWith("allow-list expired at 2027-03-06T18:30:00Z");
    }

    @Test
    void theHighestVersionWinsAndReplacesTheWholeList() {
        assertThat(policy.install(list(5, HORIZON, gym("0A1B", "bk-42", FROM, UNTIL)))).isTrue();
        assertThat(policy.install(list(4, HORIZON, gym("0A1B", "bk-43", FROM, UNTIL)))).isFalse();
        assertThat(policy.install(list(5, HORIZON))).as("same version again").isFalse();
        assertThat(policy.decide("gym-door", "0A1B", FROM).reason()).contains("bk-42");

        assertThat(policy.install(list(6, HORIZON))).isTrue(); // the booking was cancelled
        assertThat(policy.decide("gym-door", "0A1B", FROM).granted()).isFalse();
    }

    @Test
    void ofTwoSlotsTheOneGoingOnGrants() {
        Instant nextFrom = UNTIL.plus(Duration.ofDays(1));
        policy.install(list(1, HORIZON.plus(Duration.ofDays(2)), gym("0A1B", "bk-2", nextFrom, nextFrom.plusSeconds(3600)),
                gym("0A1B", "bk-1", FROM, UNTIL)));

        assertThat(policy.decide("gym-door", "0A1B", nextFrom).reason()).contains("bk-2");
        assertThat(policy.decide("gym-door", "0A1B", UNTIL).reason()).contains("outside booking bk-2", "opens at");
    }
}
