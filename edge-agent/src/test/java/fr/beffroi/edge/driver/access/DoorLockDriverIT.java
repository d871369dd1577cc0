package fr.beffroi.edge.driver.access;

import com.pi4j.context.Context;
import fr.beffroi.edge.driver.CorruptFrame;
import fr.beffroi.profiles.load.ProfileLoader;
import fr.beffroi.profiles.model.DeviceProfile;
import fr.beffroi.profiles.wire.Reading;
import fr.beffroi.sim.face.gpio.GpioDoorFace;
import fr.beffroi.sim.face.gpio.MockGpio;
import fr.beffroi.sim.face.modbusrtu.PtyPair;
import fr.beffroi.sim.model.access.DoorScene;
import fr.beffroi.sim.model.access.Visit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The door driver against the simulated door: Pi4J's mock GPIO lines shared in this JVM (the
 * simulator moves the contact and exit button and watches the relay), the badge reader on a socat
 * pty pair, real time with short unlock and held-open limits. Skipped when socat is not installed.
 */
class DoorLockDriverIT {

    private static final DeviceProfile PROFILE = new ProfileLoader().load("access", "door-lock");
    private static final DoorPins PINS = new DoorPins(17, 27, 22);
    private static final int BAUD = 9_600;
    private static final String BOOKED = "0A1B2C3D4E";
    private static final String UNKNOWN = "DEADBEEF";

    private final Clock clock = Clock.systemUTC();
    private final List<CorruptFrame> corrupt = new CopyOnWriteArrayList<>();
    private Context pi4j;
    private PtyPair pair;
    private GpioDoorFace face;
    private DoorLockDriver driver;

    @BeforeEach
    void openLine() throws Exception {
        assumeTrue(PtyPair.socat().isPresent(), "socat is not installed at " + PtyPair.SOCAT
                + ": no virtual serial line for the badge reader (apt-get install socat)");
        String id = UUID.randomUUID().toString().substring(0, 8);
        pair = PtyPair.open(Path.of("/tmp/door-" + id + "-sim"), Path.of("/tmp/door-" + id + "-reader"),
                Duration.ofSeconds(5));
        pi4j = MockGpio.context();
    }

    @AfterEach
    void close() {
        if (face != null) {
            face.close();
        }
        if (driver != null) {
            driver.close();
        }
        if (pi4j != null) {
            pi4j.shutdown();
        }
        if (pair != null) {
            pair.close();
        }
    }

    private static long count(List<Reading> readings, String point) {
        return readings.stream().filter(r -> r.point().equals(point)).count();
    }

    private static List<Reading> events(List<Reading> readings, String point) {
        return readings.stream().filter(r -> r.point().equals(point)).toList();
    }

    @Test
    void aValidBadgeOpensAnInvalidOneStaysShutForcedAndHeldOpenAreReported() throws Exception {
        Duration heldOpenLimit = Duration.ofSeconds(2);
        Instant now = Instant.now();
        AccessPolicy policy = new StaticAllowList(Map.of(BOOKED,
                new StaticAllowList.Validity(now.minusSeconds(900), now.plusSeconds(3600))));
        driver = new DoorLockDriver("gym-door", pi4j, PINS, pair.b(), BAUD, Duration.ofMillis(1500), heldOpenLimit,
                policy, corrupt::add, clock);
        Instant t = now.plusSeconds(1);
        DoorScene scene = new DoorScene(List.of(
                Visit.badge(t.plusMillis(500), BOOKED, Duration.ofSeconds(1)),
                Visit.badge(t.plusSeconds(4), UNKNOWN, Duration.ofSeconds(1)),
                Visit.forced(t.plusSeconds(8), Duration.ofSeconds(1)),
                Visit.exit(t.plusMillis(10_500), Duration.ofMillis(500)),
                Visit.heldOpen(t.plusSeconds(13), BOOKED, heldOpenLimit.plusMillis(1500))));
        face = GpioDoorFace.start("gym-door", scene, pi4j, PINS.relay(), PINS.contact(), PINS.exitButton(),
                pair.a(), BAUD, clock);

        List<Reading> all = new CopyOnWriteArrayList<>();
        all.addAll(driver.poll()); // claims the lines: the simulated people can start
        face.writeRaw(new byte[] {0x02, '1', '2', 0x03}); // a reader glitch on the line
        await().atMost(Duration.ofSeconds(45)).pollInterval(Duration.ofMillis(200)).until(() -> {
            all.addAll(driver.poll());
            return scene.finished() && count(all, "closed") == 4;
        });

        for (Reading r : all) {
            PROFILE.event(r.point()).ifPresent(spec -> assertThat(spec.problems(r.attrs())).as(r.toString()).isEmpty());
        }
        assertThat(scene.gaveUp()).as("the unknown badge never opened the door").extracting(Visit::badge)
                .containsExactly(UNKNOWN);
        assertThat(scene.entered()).isEqualTo(4);
        assertThat(events(all, "unlocked")).extracting(r -> r.attrs().get("by"), r -> r.attrs().get("badge"))
                .containsExactly(org.assertj.core.groups.Tuple.tuple("BADGE", BOOKED),
                        org.assertj.core.groups.Tuple.tuple("EXIT_BUTTON", null),
                        org.assertj.core.groups.Tuple.tuple("BADGE", BOOKED));
        assertThat(events(all, "denied")).singleElement()
                .satisfies(d -> assertThat(d.attrs()).containsEntry("badge", UNKNOWN).containsEntry("reason", "unknown badge"));
        assertThat(count(all, "opened")).isEqualTo(4);
        assertThat(count(all, "forced")).as("only the forced entry").isEqualTo(1);
        assertThat(events(all, "heldOpen")).as("only the door held open past the limit").hasSize(1);
        assertThat(corrupt).singleElement().satisfies(f -> assertThat(f.reason()).isEqualTo("no CR LF before ETX"));
        assertThat(driver.droppedEvents()).isZero();
        // Once everyone is through, the door is shut and locked.
        List<Reading> last = driver.poll();
        assertThat(last.stream().filter(r -> r.point().equals("lock")).findFirst().orElseThrow().value()).isZero();
        assertThat(last.stream().filter(r -> r.point().equals("contact")).findFirst().orElseThrow().value()).isZero();
    }
}
