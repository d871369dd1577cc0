package fr.beffroi.edge.driver.access;

import fr.beffroi.profiles.load.ProfileLoader;
import fr.beffroi.profiles.model.DeviceProfile;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The door's logic as input → output timelines on fixed instants: nobody sleeps. */
class DoorStateMachineTest {

    private static final DeviceProfile PROFILE = new ProfileLoader().load("access", "door-lock");
    private static final Instant T0 = Instant.parse("2026-11-24T17:45:00Z");
    private static final Duration UNLOCK = Duration.ofSeconds(5);
    private static final Duration HELD = Duration.ofSeconds(60);
    private static final String BOOKED = "0A1B2C3D4E";

    private final AccessPolicy policy = new StaticAllowList(Map.of(
            BOOKED, new StaticAllowList.Validity(T0.minusSeconds(900), T0.plusSeconds(7200))));
    private final DoorStateMachine door = new DoorStateMachine("gym-lianc-main", UNLOCK, HELD, policy);

    private static Instant at(double seconds) {
        return T0.plusMillis((long) (seconds * 1000));
    }

    /** Every event the machine raises must fit the profile. */
    private static List<DoorEvent> checked(List<DoorEvent> events) {
        for (DoorEvent e : events) {
            assertThat(PROFILE.event(e.name())).as(e.name()).isPresent();
            assertThat(PROFILE.event(e.name()).orElseThrow().problems(e.attrs())).as(e.toString()).isEmpty();
        }
        return events;
    }

    private static List<String> names(List<DoorEvent> events) {
        return checked(events).stream().map(DoorEvent::name).toList();
    }

    @Test
    void aBookedBadgeUnlocksForTheUnlockTimeThenTheDoorOpensAndCloses() {
        List<DoorEvent> e = checked(door.badge(BOOKED, at(0)));
        assertThat(e).singleElement().satisfies(u -> {
            assertThat(u.name()).isEqualTo("unlocked");
            assertThat(u.attrs()).containsEntry("by", "BADGE").containsEntry("badge", BOOKED).containsKey("decision");
        });
        assertThat(door.relayOn()).isTrue();

        assertThat(names(door.contact(true, at(2)))).containsExactly("opened");
        assertThat(names(door.tick(at(4.9)))).isEmpty();
        assertThat(door.relayOn()).isTrue();
        assertThat(names(door.tick(at(5)))).isEmpty();
        assertThat(door.relayOn()).as("relay drops at the end of the unlock time, door still open").isFalse();

        List<DoorEvent> closed = checked(door.contact(false, at(8.5)));
        assertThat(closed).singleElement().satisfies(c -> {
            assertThat(c.name()).isEqualTo("closed");
            assertThat(c.value()).isEqualTo(6.5);
        });
    }

    @Test
    void anUnknownBadgeIsDeniedAndTheDoorStaysLocked() {
        List<DoorEvent> e = checked(door.badge("DEADBEEF", at(0)));

        assertThat(e).singleElement().satisfies(d -> {
            assertThat(d.name()).isEqualTo("denied");
            assertThat(d.attrs()).containsExactly(Map.entry("badge", "DEADBEEF"), Map.entry("reason", "unknown badge"));
        });
        assertThat(door.relayOn()).isFalse();
    }

    @Test
    void aBadgeOutsideItsValidityIsDenied() {
        List<DoorEvent> e = checked(door.badge(BOOKED, at(7200)));

        assertThat(e).singleElement().satisfies(d -> assertThat(d.attrs().get("reason")).startsWith("outside validity"));
        assertThat(door.relayOn()).isFalse();
    }

    @Test
    void openingWhileLockedIsForced() {
        assertThat(names(door.contact(true, at(0)))).containsExactly("opened", "forced");
        assertThat(names(door.contact(false, at(3)))).containsExactly("closed");
    }

    @Test
    void openingAfterTheUnlockTimeRanOutIsForced() {
        door.badge(BOOKED, at(0));

        assertThat(names(door.contact(true, at(6)))).containsExactly("opened", "forced");
    }

    @Test
    void theExitButtonUnlocksAndTheDoorOpensWithoutAlarm() {
        List<DoorEvent> press = checked(door.exitButton(true, at(0)));
        assertThat(press).singleElement().satisfies(u -> assertThat(u.attrs())
                .containsExactly(Map.entry("by", "EXIT_BUTTON"), Map.entry("decision", "exit button")));
        assertThat(names(door.exitButton(false, at(0.3)))).isEmpty();
        assertThat(names(door.exitButton(false, at(0.4)))).as("a repeated state is bounce, ignored").isEmpty();

        assertThat(names(door.contact(true, at(1)))).containsExactly("opened");
        assertThat(names(door.contact(true, at(1.01)))).isEmpty();
    }

    @Test
    void aDoorHeldOpenRaisesHeldOpenOnceAtTheLimitThenAtEachFurtherLimit() {
        door.badge(BOOKED, at(0));
        door.contact(true, at(1));
        List<DoorEvent> all = new ArrayList<>();
        for (int s = 2; s <= 200; s++) {
            all.addAll(checked(door.tick(at(s))));
        }
        // opened at 1 s: limit reached at 61 s, then 121 s and 181 s
        assertThat(all).extracting(DoorEvent::name).containsExactly("heldOpen", "heldOpen", "heldOpen");
        assertThat(all).extracting(DoorEvent::value).containsExactly(0.0, 60.0, 120.0);
        assertThat(all).extracting(DoorEvent::at).containsExactly(at(61), at(121), at(181));

        assertThat(checked(door.contact(false, at(201)))).singleElement()
                .satisfies(c -> assertThat(c.value()).isEqualTo(200.0));
        assertThat(names(door.tick(at(400)))).isEmpty();
    }

    @Test
    void heldOpenCountsTheSecondsBeyondTheLimitWhenTimePassesInOneLeap() {
        door.exitButton(true, at(0));
        door.contact(true, at(1));

        List<DoorEvent> e = checked(door.tick(at(75)));

        assertThat(e).singleElement().satisfies(h -> assertThat(h.value()).isEqualTo(14.0));
        assertThat(names(door.tick(at(120)))).isEmpty();
        assertThat(names(door.tick(at(121)))).containsExactly("heldOpen");
    }

    @Test
    void commandsUnlockForTheUnlockTimeOrLockAtOnce() {
        assertThat(checked(door.unlockCommand(at(0)))).singleElement()
                .satisfies(u -> assertThat(u.attrs()).containsEntry("by", "COMMAND"));
        assertThat(door.relayOn()).isTrue();

        assertThat(door.lockCommand(at(1))).isEmpty();
        assertThat(door.relayOn()).isFalse();
        assertThat(names(door.contact(true, at(2)))).containsExactly("opened", "forced");
    }

    @Test
    void aSecondGrantExtendsTheUnlockTimeAndNeverShortensIt() {
        door.badge(BOOKED, at(0));
        door.badge(BOOKED, at(3));
        door.tick(at(7));
        assertThat(door.relayOn()).isTrue();
        door.tick(at(8));
        assertThat(door.relayOn()).isFalse();
    }

    @Test
    void aFailingPolicyKeepsTheDoorShut() {
        DoorStateMachine broken = new DoorStateMachine("gym", UNLOCK, HELD, (d, b, t) -> {
            throw new IllegalStateException("allow-list not loaded");
        });

        assertThat(checked(broken.badge(BOOKED, at(0)))).singleElement().satisfies(d -> {
            assertThat(d.name()).isEqualTo("denied");
            assertThat(d.attrs()).containsEntry("reason", "policy failed: IllegalStateException");
        });
        assertThat(broken.relayOn()).isFalse();
    }

    @Test
    void aDoorFoundOpenAtStartCountsTowardsHeldOpenWithoutAnEvent() {
        door.start(true, false, at(0));

        assertThat(names(door.tick(at(60)))).containsExactly("heldOpen");
        assertThat(names(door.contact(false, at(61)))).containsExactly("closed");
    }

    @Test
    void denyAllRefusesEverything() {
        assertThat(new DenyAll().decide("gym", BOOKED, T0)).isEqualTo(AccessDecision.deny("no allow-list"));
    }
}
