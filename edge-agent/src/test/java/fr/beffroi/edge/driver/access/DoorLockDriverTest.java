package fr.beffroi.edge.driver.access;

import com.pi4j.context.Context;
import com.pi4j.io.gpio.digital.DigitalState;
import com.pi4j.plugin.mock.provider.gpio.digital.MockDigitalInput;
import fr.beffroi.edge.driver.CorruptFrame;
import fr.beffroi.edge.driver.DeviceException;
import fr.beffroi.edge.driver.DeviceException.Kind;
import fr.beffroi.edge.testing.MutableClock;
import fr.beffroi.profiles.load.ProfileLoader;
import fr.beffroi.profiles.model.DeviceProfile;
import fr.beffroi.profiles.wire.Reading;
import fr.beffroi.sim.face.gpio.BadgeFrames;
import fr.beffroi.sim.face.gpio.MockGpio;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * The driver on Pi4J's mock GPIO and a fake badge line, with a clock moved by hand and no timer
 * thread: inputs go in through the mock lines and the fake line, events come out of poll().
 */
class DoorLockDriverTest {

    private static final DeviceProfile PROFILE = new ProfileLoader().load("access", "door-lock");
    private static final DoorPins PINS = new DoorPins(17, 27, 22);
    private static final String BOOKED = "0A1B2C3D4E";

    private final MutableClock clock = MutableClock.at("2026-11-24T18:00:00Z");
    private final Context pi4j = MockGpio.context();
    private final List<CorruptFrame> corrupt = new CopyOnWriteArrayList<>();
    private final FakeLine line = new FakeLine();
    private final AccessPolicy policy = new StaticAllowList(Map.of(BOOKED, new StaticAllowList.Validity(
            Instant.parse("2026-11-24T17:45:00Z"), Instant.parse("2026-11-24T20:00:00Z"))));
    private final DoorLockDriver driver = new DoorLockDriver("gym-door", pi4j, PINS, line, Duration.ofSeconds(5),
            Duration.ofSeconds(60), policy, corrupt::add, clock, null, PROFILE);

    @AfterEach
    void shutdown() {
        driver.close();
        pi4j.shutdown();
    }

    /** A badge line the test writes into; it can also refuse to open. */
    static final class FakeLine implements BadgeLink.Opener {
        Consumer<byte[]> onBytes;
        boolean unplugged;
        boolean alive = true;

        @Override
        public BadgeLink open(Consumer<byte[]> bytes, Consumer<String> onLost) throws IOException {
            if (unplugged) {
                throw new IOException("cannot open badge reader port /dev/ttyUSB0");
            }
            onBytes = bytes;
            alive = true;
            return new BadgeLink() {
                @Override
                public boolean alive() {
                    return alive && !unplugged;
                }

                @Override
                public void close() {
                    alive = false;
                }
            };
        }

        void send(byte[] bytes) {
            onBytes.accept(bytes);
        }
    }

    private MockDigitalInput contact() {
        return MockGpio.input(pi4j, PINS.contact()).orElseThrow();
    }

    private MockDigitalInput exitButton() {
        return MockGpio.input(pi4j, PINS.exitButton()).orElseThrow();
    }

    private boolean relayOn() {
        return MockGpio.output(pi4j, PINS.relay()).orElseThrow().state() == DigitalState.HIGH;
    }

    private static List<Reading> events(List<Reading> readings) {
        List<Reading> out = new ArrayList<>();
        for (Reading r : readings) {
            PROFILE.event(r.point()).ifPresent(spec -> {
                assertThat(spec.problems(r.attrs())).as(r.toString()).isEmpty();
                assertThat(r.unit()).isEqualTo(spec.unit());
                out.add(r);
            });
        }
        return out;
    }

    private static double signal(List<Reading> readings, String name) {
        return readings.stream().filter(r -> r.point().equals(name)).findFirst().orElseThrow().value();
    }

    @Test
    void theFirstPollClaimsTheLinesLockedAndReportsTheirStates() throws DeviceException {
        List<Reading> readings = driver.poll();

        assertThat(readings).extracting(Reading::point).containsExactly("lock", "contact", "exitButton");
        assertThat(readings).allSatisfy(r -> assertThat(r.device()).isEqualTo("gym-door"));
        assertThat(signal(readings, "lock")).isZero();
        assertThat(relayOn()).isFalse();
    }

    @Test
    void aBookedBadgeEnergisesTheRelayForTheUnlockTimeAndTheDoorOpensWithoutAlarm() throws DeviceException {
        driver.poll();

        line.send(BadgeFrames.encode(BOOKED.toLowerCase()));
        assertThat(relayOn()).isTrue();
        clock.advance(Duration.ofSeconds(2));
        contact().mockState(DigitalState.HIGH);
        clock.advance(Duration.ofSeconds(3));
        driver.tick();
        assertThat(relayOn()).as("off at the end of the unlock time").isFalse();
        clock.advance(Duration.ofSeconds(1));
        contact().mockState(DigitalState.LOW);

        List<Reading> readings = driver.poll();
        List<Reading> events = events(readings);
        assertThat(events).extracting(Reading::point).containsExactly("unlocked", "opened", "closed");
        assertThat(events.get(0).attrs()).containsEntry("by", "BADGE").containsEntry("badge", BOOKED);
        assertThat(events.get(2).value()).isEqualTo(4.0);
        assertThat(events.get(1).ts()).isEqualTo(Instant.parse("2026-11-24T18:00:02Z"));
        assertThat(signal(readings, "lock")).isZero();
        assertThat(driver.poll()).as("events are returned once").extracting(Reading::point)
                .containsExactly("lock", "contact", "exitButton");
    }

    @Test
    void anUnknownBadgeIsDeniedAndOpeningAnywayIsForced() throws DeviceException {
        driver.poll();

        line.send(BadgeFrames.encode("DEADBEEF"));
        assertThat(relayOn()).isFalse();
        contact().mockState(DigitalState.HIGH);

        List<Reading> readings = driver.poll();
        assertThat(events(readings)).extracting(Reading::point).containsExactly("denied", "opened", "forced");
        assertThat(signal(readings, "contact")).isEqualTo(1);
    }

    @Test
    void theExitButtonReleasesTheDoor() throws DeviceException {
        driver.poll();

        exitButton().mockState(DigitalState.HIGH);
        assertThat(signal(driver.poll(), "exitButton")).isEqualTo(1);
        exitButton().mockState(DigitalState.LOW);
        contact().mockState(DigitalState.HIGH);

        List<Reading> events = events(driver.poll());
        assertThat(events).extracting(Reading::point).containsExactly("opened");
        assertThat(relayOn()).isTrue();
    }

    @Test
    void aDoorLeftOpenRaisesHeldOpenWhenTimePasses() throws DeviceException {
        driver.poll();
        exitButton().mockState(DigitalState.HIGH);
        contact().mockState(DigitalState.HIGH);

        clock.advance(Duration.ofSeconds(65));
        driver.tick();

        assertThat(events(driver.poll())).extracting(Reading::point, Reading::value)
                .contains(org.assertj.core.groups.Tuple.tuple("heldOpen", 5.0));
    }

    @Test
    void corruptFramesGoToTheSinkWithTheirReasonAndOpenNothing() throws DeviceException {
        driver.poll();
        byte[] bad = BadgeFrames.encode(BOOKED);
        bad[12] = 'F'; // checksum 4E becomes 4F

        line.send(bad);
        line.send(new byte[] {0x7F});
        line.send(BadgeFrames.encode(BOOKED));

        assertThat(corrupt).extracting(CorruptFrame::reason)
                .containsExactly("checksum 4F, computed 4E", "1 byte(s) outside a frame");
        assertThat(corrupt).allSatisfy(f -> assertThat(f.device()).isEqualTo("gym-door"));
        assertThat(corrupt.get(0).raw()).isEqualTo(bad);
        assertThat(driver.corruptFrames()).isEqualTo(2);
        assertThat(events(driver.poll())).extracting(Reading::point).containsExactly("unlocked");
    }

    @Test
    void commandsUnlockAndLock() throws DeviceException {
        driver.write("lock", 1);
        assertThat(relayOn()).isTrue();
        driver.write("lock", 0);
        assertThat(relayOn()).isFalse();

        List<Reading> events = events(driver.poll());
        assertThat(events).singleElement().satisfies(u -> assertThat(u.attrs()).containsEntry("by", "COMMAND"));
    }

    @Test
    void writesOutsideTheProfileAreRefusedNamingPointAndValue() {
        record Case(String point, double value, String message) {
        }
        for (Case c : List.of(
                new Case("contact", 1, "device gym-door: cannot write 1.0 to 'contact': point 'contact' is not writable"),
                new Case("exitButton", 1, "device gym-door: cannot write 1.0 to 'exitButton': point 'exitButton' is not writable"),
                new Case("door", 1, "device gym-door: cannot write 1.0 to 'door': no such signal in profile door-lock"),
                new Case("lock", 2, "device gym-door: cannot write 2.0 to 'lock': value 2.0 outside lock's range 0.0..1.0"),
                new Case("lock", 0.5, "device gym-door: cannot write 0.5 to 'lock': 'lock' takes 0 (lock) or 1 (unlock)"),
                new Case("lock", Double.NaN, "device gym-door: cannot write NaN to 'lock': value NaN outside lock's range 0.0..1.0"))) {
            DeviceException e = catchThrowableOfType(DeviceException.class, () -> driver.write(c.point(), c.value()));
            assertThat(e).as(c.point() + "=" + c.value()).isNotNull();
            assertThat(e.kind()).isEqualTo(Kind.CONFIGURATION);
            assertThat(e.getMessage()).isEqualTo(c.message());
        }
    }

    @Test
    void anUnpluggedReaderFailsThePollOnlyWhenNoEventWaits() throws DeviceException {
        line.unplugged = true;
        DeviceException e = catchThrowableOfType(DeviceException.class, driver::poll);
        assertThat(e.kind()).isEqualTo(Kind.UNREACHABLE);
        assertThat(e.getMessage()).contains("gym-door").contains("/dev/ttyUSB0");

        contact().mockState(DigitalState.HIGH);
        assertThat(events(driver.poll())).as("a forced door is reported even without its reader")
                .extracting(Reading::point).containsExactly("opened", "forced");

        line.unplugged = false;
        driver.poll();
        line.send(BadgeFrames.encode(BOOKED));
        assertThat(relayOn()).isTrue();
    }

    @Test
    void aFullQueueDropsAndCountsEvents() throws DeviceException {
        driver.poll();
        for (int i = 0; i < DoorLockDriver.MAX_QUEUED; i++) {
            contact().mockState(i % 2 == 0 ? DigitalState.HIGH : DigitalState.LOW);
        }
        // 500 openings raise opened+forced, 500 closings raise closed: 1,500 events for 1,000 places
        assertThat(driver.droppedEvents()).isEqualTo(500);
        assertThat(events(driver.poll())).hasSize(DoorLockDriver.MAX_QUEUED);
    }

    @Test
    void linesAlreadyClaimedAreAConfigurationFailure() throws DeviceException {
        driver.poll();
        try (DoorLockDriver twin = new DoorLockDriver("gym-door", pi4j, PINS, new FakeLine(), Duration.ofSeconds(5),
                Duration.ofSeconds(60), policy, corrupt::add, clock, null, PROFILE)) {
            DeviceException e = catchThrowableOfType(DeviceException.class, twin::poll);
            assertThat(e.kind()).isEqualTo(Kind.CONFIGURATION);
            assertThat(e.getMessage()).startsWith("device gym-door: cannot claim GPIO lines");
        }
    }

    @Test
    void closingReleasesTheLinesSoThatARestartedDriverClaimsThemAgain() throws DeviceException {
        driver.write("lock", 1);
        driver.close();
        assertThat(MockGpio.output(pi4j, PINS.relay())).as("lines released").isEmpty();

        try (DoorLockDriver restarted = new DoorLockDriver("gym-door", pi4j, PINS, new FakeLine(), Duration.ofSeconds(5),
                Duration.ofSeconds(60), policy, corrupt::add, clock, null, PROFILE)) {
            List<Reading> readings = restarted.poll();
            assertThat(signal(readings, "lock")).as("a restarted door starts locked").isZero();
        }
        DeviceException e = catchThrowableOfType(DeviceException.class, driver::poll);
        assertThat(e.getMessage()).isEqualTo("device gym-door: driver closed");
    }
}
