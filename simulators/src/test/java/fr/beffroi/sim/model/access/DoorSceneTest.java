package fr.beffroi.sim.model.access;

import fr.beffroi.sim.model.access.DoorAction.PresentBadge;
import fr.beffroi.sim.model.access.DoorAction.SetContact;
import fr.beffroi.sim.model.access.DoorAction.SetExitButton;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** People at the door react to the relay as the scenarios say, on fixed instants. */
class DoorSceneTest {

    private static final Instant T0 = Instant.parse("2026-11-24T18:00:00Z");
    private static final Duration HOLD = Duration.ofSeconds(4);

    private static Instant at(double s) {
        return T0.plusMillis((long) (s * 1000));
    }

    @Test
    void aPersonWithABadgeOpensOnlyOnceTheRelayReleases() {
        DoorScene scene = new DoorScene(List.of(Visit.badge(at(1), "0A1B2C3D4E", HOLD)));

        assertThat(scene.advance(at(0.5), false)).isEmpty();
        assertThat(scene.advance(at(1), false)).containsExactly(new PresentBadge("0A1B2C3D4E"));
        assertThat(scene.advance(at(1.2), false)).isEmpty();
        assertThat(scene.advance(at(1.3), true)).containsExactly(new SetContact(true));
        assertThat(scene.advance(at(5.2), false)).isEmpty();
        assertThat(scene.advance(at(5.3), false)).containsExactly(new SetContact(false));
        assertThat(scene.finished()).isTrue();
        assertThat(scene.entered()).isEqualTo(1);
    }

    @Test
    void aPersonWhoseBadgeIsRefusedGivesUpAndTheNextOneComes() {
        DoorScene scene = new DoorScene(List.of(
                Visit.badge(at(0), "DEADBEEF", HOLD),
                Visit.badge(at(1), "0A1B2C3D4E", HOLD)));

        assertThat(scene.advance(at(0), false)).containsExactly(new PresentBadge("DEADBEEF"));
        assertThat(scene.advance(at(2), false)).isEmpty();
        assertThat(scene.advance(at(3), false)).as("gave up; the second person waited and now badges")
                .containsExactly(new PresentBadge("0A1B2C3D4E"));
        assertThat(scene.gaveUp()).extracting(Visit::badge).containsExactly("DEADBEEF");
    }

    @Test
    void aForcedEntryOpensWithoutTheRelay() {
        DoorScene scene = new DoorScene(List.of(Visit.forced(at(0), HOLD)));

        assertThat(scene.advance(at(0), false)).containsExactly(new SetContact(true));
        assertThat(scene.advance(at(4), false)).containsExactly(new SetContact(false));
    }

    @Test
    void theExitButtonIsPressedReleasedThenTheDoorOpens() {
        DoorScene scene = new DoorScene(List.of(Visit.exit(at(0), HOLD)));

        assertThat(scene.advance(at(0), false)).containsExactly(new SetExitButton(true));
        assertThat(scene.advance(at(0.1), true)).containsExactly(new SetExitButton(false), new SetContact(true));
    }

    @Test
    void aHeldOpenVisitKeepsTheDoorOpenForItsHoldTime() {
        DoorScene scene = new DoorScene(List.of(Visit.heldOpen(at(0), "0A1B2C3D4E", Duration.ofSeconds(90))));

        scene.advance(at(0), false);
        assertThat(scene.advance(at(0.2), true)).containsExactly(new SetContact(true));
        assertThat(scene.advance(at(90), false)).isEmpty();
        assertThat(scene.advance(at(90.2), false)).containsExactly(new SetContact(false));
    }

    @Test
    void anEveningIsTheSameForTheSameSeed() {
        List<String> booked = List.of("0A1B2C3D4E", "04A2B3C4");
        List<String> unknown = List.of("DEADBEEF");
        DoorScene a = DoorScene.evening(7, T0, Duration.ofHours(3), Duration.ofMinutes(2), booked, unknown);
        DoorScene b = DoorScene.evening(7, T0, Duration.ofHours(3), Duration.ofMinutes(2), booked, unknown);

        assertThat(a.pending()).isEqualTo(b.pending()).isBetween(60, 120);
        for (int s = 0; s < 3 * 3600; s++) {
            assertThat(a.advance(at(s), s % 10 < 5)).isEqualTo(b.advance(at(s), s % 10 < 5));
        }
    }
}
