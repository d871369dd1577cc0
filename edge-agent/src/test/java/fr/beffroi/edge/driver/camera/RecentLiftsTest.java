package fr.beffroi.edge.driver.camera;

import fr.beffroi.profiles.wire.Quality;
import fr.beffroi.profiles.wire.Reading;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** Tying a camera verdict to its lift: same tag, nearest lift time within the window. */
class RecentLiftsTest {

    static final String TAG = "0003E71CBE991A14";
    static final Instant T0 = Instant.parse("2026-03-02T07:15:00Z");
    static final Duration WINDOW = Duration.ofSeconds(30);

    static Reading lift(String tag, Instant at, long truckSeq) {
        return new Reading(0, "rfid-1", "lift", at, 11.8, "kg", Quality.GOOD,
                Map.of("tag", tag, "truckSeq", Long.toString(truckSeq), "side", "LEFT"));
    }

    private final RecentLifts lifts = new RecentLifts(100);

    @Test
    void findsTheLiftOfTheSameTagWithinTheWindowEitherSide() {
        lifts.record(lift(TAG, T0, 17));
        lifts.record(lift("0003E71CBE991A15", T0.plusSeconds(2), 18));

        assertThat(lifts.find(TAG, T0.plusSeconds(29), WINDOW)).hasValue(new LiftRef(TAG, T0, Optional.of("17")));
        assertThat(lifts.find(TAG, T0.minusSeconds(30), WINDOW)).isPresent();
        assertThat(lifts.find(TAG.toLowerCase(), T0, WINDOW)).isPresent();
        assertThat(lifts.find("0003E71CBE991A99", T0, WINDOW)).isEmpty();
    }

    @Test
    void aLiftOutsideTheWindowIsNoMatch() {
        lifts.record(lift(TAG, T0, 17));

        assertThat(lifts.find(TAG, T0.plusSeconds(31), WINDOW)).isEmpty();
        assertThat(lifts.find(TAG, T0.minusSeconds(31), WINDOW)).isEmpty();
    }

    @Test
    void twoLiftsOfOneBinFarApartEachGetTheirOwnVerdict() {
        // The same bin lifted at the start of the round and again (a second passage) 40 minutes later.
        lifts.record(lift(TAG, T0, 17));
        lifts.record(lift(TAG, T0.plus(Duration.ofMinutes(40)), 95));

        assertThat(lifts.find(TAG, T0.plusSeconds(1), WINDOW)).map(LiftRef::truckSeq).hasValue(Optional.of("17"));
        assertThat(lifts.find(TAG, T0.plus(Duration.ofMinutes(40)).plusSeconds(2), WINDOW))
                .map(LiftRef::truckSeq).hasValue(Optional.of("95"));
        assertThat(lifts.find(TAG, T0.plus(Duration.ofMinutes(20)), WINDOW)).isEmpty();
    }

    @Test
    void theNearestOfTwoCloseLiftsWins() {
        lifts.record(lift(TAG, T0, 17));
        lifts.record(lift(TAG, T0.plusSeconds(20), 18));

        assertThat(lifts.find(TAG, T0.plusSeconds(14), WINDOW)).map(LiftRef::truckSeq).hasValue(Optional.of("18"));
        assertThat(lifts.find(TAG, T0.plusSeconds(6), WINDOW)).map(LiftRef::truckSeq).hasValue(Optional.of("17"));
    }

    @Test
    void keepsOnlyLiftsWithAUsableTagAndForgetsTheOldestWhenFull() {
        RecentLifts small = new RecentLifts(2);
        assertThat(small.record(new Reading(0, "rfid-1", "lift", T0, 0, "kg", Quality.GOOD, Map.of("status", "NO_TAG")))).isFalse();
        assertThat(small.record(new Reading(0, "rfid-1", "weight", T0, 0, "kg", Quality.GOOD, Map.of("tag", TAG)))).isFalse();
        assertThat(small.record(lift("3E7.1CBE991A14", T0, 1))).isFalse();
        assertThat(small.record(new Reading(0, "rfid-1", "lift", T0, 0, "kg", Quality.GOOD,
                Map.of("tag", TAG, "truckSeq", "x")))).isTrue();

        small.record(lift("0003E71CBE991A15", T0.plusSeconds(30), 2));
        small.record(lift("0003E71CBE991A16", T0.plusSeconds(60), 3));

        assertThat(small.size()).isEqualTo(2);
        assertThat(small.find(TAG, T0, WINDOW)).isEmpty();
        assertThat(small.find("0003E71CBE991A16", T0.plusSeconds(60), WINDOW)).isPresent();
    }
}
