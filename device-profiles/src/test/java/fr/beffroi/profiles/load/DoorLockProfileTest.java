package fr.beffroi.profiles.load;

import fr.beffroi.profiles.model.DeviceProfile;
import fr.beffroi.profiles.model.EventSpec;
import fr.beffroi.profiles.model.SignalSpec;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The shipped door-lock profile loads, and says what the door driver's events may carry. */
class DoorLockProfileTest {

    private final DeviceProfile door = new ProfileLoader().load("access", "door-lock");

    @Test
    void declaresTheThreeLinesAndOnlyTheLockIsWritable() {
        assertThat(door.signals()).extracting(SignalSpec::name).containsExactly("lock", "contact", "exitButton");
        SignalSpec lock = door.signal("lock").orElseThrow();
        assertThat(lock.commandProblem(1)).isEmpty();
        assertThat(lock.commandProblem(0)).isEmpty();
        assertThat(lock.commandProblem(2)).isPresent();
        assertThat(door.signal("contact").orElseThrow().commandProblem(1)).isPresent();
    }

    @Test
    void eventsCarryTheBadgeAsUpperHexAndNothingElseAboutAPerson() {
        EventSpec unlocked = door.event("unlocked").orElseThrow();
        assertThat(unlocked.problems(Map.of("by", "BADGE", "badge", "0A1B2C3D4E", "decision", "slot 18:00-20:00"))).isEmpty();
        assertThat(unlocked.problems(Map.of("by", "EXIT_BUTTON", "decision", "exit button"))).isEmpty();
        assertThat(unlocked.problems(Map.of("by", "BADGE", "badge", "0a1b2c3d4e", "decision", "x")))
                .containsExactly("unlocked.badge: '0a1b2c3d4e' does not match [0-9A-F]{8,20}");
        assertThat(unlocked.problems(Map.of("by", "BADGE", "decision", "x", "name", "Dupont")))
                .containsExactly("unlocked.name: not an attribute of this event (declared: by, badge, decision)");

        assertThat(door.event("denied").orElseThrow().problems(Map.of("badge", "DEADBEEF", "reason", "unknown badge"))).isEmpty();
        for (String marker : new String[] {"opened", "closed", "forced", "heldOpen"}) {
            assertThat(door.event(marker).orElseThrow().problems(Map.of())).as(marker).isEmpty();
        }
        assertThat(door.event("closed").orElseThrow().unit()).isEqualTo("s");
        assertThat(door.event("heldOpen").orElseThrow().unit()).isEqualTo("s");
    }
}
