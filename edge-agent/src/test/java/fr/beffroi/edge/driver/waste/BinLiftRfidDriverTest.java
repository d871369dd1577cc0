package fr.beffroi.edge.driver.waste;

import fr.beffroi.edge.driver.CorruptFrame;
import fr.beffroi.edge.driver.DeviceException;
import fr.beffroi.edge.driver.DeviceException.Kind;
import fr.beffroi.profiles.load.ProfileLoader;
import fr.beffroi.profiles.model.EventSpec;
import fr.beffroi.profiles.wire.Reading;
import fr.beffroi.sim.time.LeapClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.api.Assertions.within;

/** The bin-lift driver fed bytes directly (its port idles): frames to lifts, refusals, merging, GPS. */
class BinLiftRfidDriverTest {

    private static final Duration WINDOW = Duration.ofSeconds(3);
    private static final EventSpec LIFT = new ProfileLoader().load("waste", "binlift-rfid").event("lift").orElseThrow();

    private final LeapClock clock = LeapClock.at(Instant.parse("2026-06-02T05:30:00Z"));
    private final List<CorruptFrame> corrupt = Collections.synchronizedList(new ArrayList<>());
    private final List<Reading> heard = Collections.synchronizedList(new ArrayList<>());
    private Optional<Fix> fix = Optional.empty();
    private BinLiftRfidDriver driver;

    private BinLiftRfidDriver driver(SerialLink.Opener opener) {
        driver = new BinLiftRfidDriver("reader-bom12", "/dev/ttyUSB0", opener, Duration.ofMillis(10), "BOM-12", WINDOW,
                Duration.ofSeconds(10), new TagNormaliser(TagNormaliser.HexOrder.MSB_FIRST), () -> fix, corrupt::add,
                heard::add, clock, Optional.empty());
        return driver;
    }

    @AfterEach
    void close() {
        if (driver != null) {
            driver.close();
        }
    }

    private void feed(String escaped) {
        byte[] b = Golden.unescape(escaped);
        driver.receive(b, b.length);
    }

    private static String frame(String payload) {
        return "\\x02" + payload + StxEtxFramer.checksum(payload) + "\\r\\n\\x03";
    }

    @Test
    void goldenFramesBecomeLiftEventsThatConformToTheProfile() throws Exception {
        driver(IdleLink::new);
        List<String> lines = Golden.lines("/waste/binlift-frames.txt");
        List<Reading> lifts = new ArrayList<>();
        List<String> expected = new ArrayList<>();
        for (String line : lines) {
            if (line.startsWith("frame ")) {
                feed(line.substring(6).strip());
                clock.leap(Duration.ofSeconds(10));
                lifts.addAll(driver.poll());
            } else {
                expected.add(line.substring(5).strip());
            }
        }

        assertThat(lifts).hasSize(expected.size());
        for (int i = 0; i < lifts.size(); i++) {
            Reading r = lifts.get(i);
            String[] want = expected.get(i).split(" ");
            assertThat(r.point()).isEqualTo("lift");
            assertThat(r.unit()).isEqualTo("kg");
            assertThat(r.value()).as("lift %d value", i).isCloseTo(Double.parseDouble(want[0]), within(1e-9));
            for (int k = 1; k < want.length; k++) {
                String[] kv = want[k].split("=", 2);
                assertThat(r.attrs()).as("lift %d", i).containsEntry(kv[0], kv[1]);
            }
            assertThat(r.attrs()).containsEntry("truck", "BOM-12").containsEntry("truckSeq", Integer.toString(i + 1))
                    .containsEntry("reads", "1").containsEntry("fix", "NONE").doesNotContainKeys("lat", "lon");
            assertThat(LIFT.problems(r.attrs())).as("lift %d against the profile", i).isEmpty();
            assertThat(r.ts()).isEqualTo(Instant.parse("2026-06-02T05:30:00Z").plusSeconds(10L * i));
        }
        assertThat(heard).containsExactlyElementsOf(lifts);
        assertThat(corrupt).isEmpty();
    }

    @Test
    void corruptFramesGoToTheSinkWithTheirReasonWhileGoodOnesKeepFlowing() throws Exception {
        driver(IdleLink::new);
        List<String> wantedReasons = new ArrayList<>();
        List<String> wantedTags = new ArrayList<>();
        List<Reading> lifts = new ArrayList<>();
        for (String line : Golden.lines("/waste/binlift-corrupt.txt")) {
            if (line.startsWith("bytes ")) {
                feed(line.substring(6).strip());
                clock.leap(Duration.ofSeconds(10));
                lifts.addAll(driver.poll());
            } else if (line.startsWith("refuse ")) {
                wantedReasons.add(line.substring(7).strip());
            } else {
                wantedTags.add(line.substring(5).strip());
            }
        }

        assertThat(corrupt).hasSize(wantedReasons.size());
        for (int i = 0; i < wantedReasons.size(); i++) {
            assertThat(corrupt.get(i).reason()).as("refusal %d", i).startsWith(wantedReasons.get(i));
            assertThat(corrupt.get(i).device()).isEqualTo("reader-bom12");
        }
        assertThat(driver.corruptFrames()).isEqualTo(wantedReasons.size());
        assertThat(lifts).extracting(r -> r.attrs().get("tag")).containsExactlyElementsOf(wantedTags);
        assertThat(lifts).extracting(r -> r.attrs().get("truckSeq")).containsExactly("1", "2", "3", "4");
        // the raw bytes are kept as they came: the bad checksum frame, byte for byte
        assertThat(new String(corrupt.get(0).raw(), StandardCharsets.US_ASCII))
                .isEqualTo("\u0002R;250004000123456;O;31.5;12.0;S;OMR2F\r\n\u0003");
    }

    @Test
    void readsOfOneTagInsideTheWindowAreOneLiftWhileTheOtherLifterWorks() throws Exception {
        driver(IdleLink::new);
        feed(frame("L;250004000123456;O;;;;OMR"));
        clock.leap(Duration.ofMillis(400));
        feed(frame("R;250004000000777;O;25.0;9.5;D;OMR"));
        clock.leap(Duration.ofMillis(600));
        feed(frame("L;250004000123456;O;31.5;9.5;D;OMR"));
        clock.leap(Duration.ofMillis(500));
        feed(frame("L;250004000123456;O;31.0;9.5;S;"));
        feed(frame("R;250004000000777;O;;;;OMR"));
        clock.leap(Duration.ofMillis(1400));
        assertThat(driver.poll()).as("the first window (3 s) has not passed yet").isEmpty();

        clock.leap(Duration.ofMillis(100));
        List<Reading> lifts = driver.poll();
        assertThat(lifts).hasSize(1);
        Reading left = lifts.get(0);
        assertThat(left.attrs()).containsEntry("side", "LEFT").containsEntry("reads", "3")
                .containsEntry("weighing", "STABLE").containsEntry("gross", "31.0").containsEntry("stream", "OMR");
        assertThat(left.value()).isEqualTo(21.5);
        assertThat(left.ts()).isEqualTo(Instant.parse("2026-06-02T05:30:00Z"));

        // a read of the same tag after its window is another lift (the crew lifted it again)
        feed(frame("L;250004000123456;O;;;;OMR"));
        clock.leap(Duration.ofSeconds(3));
        lifts = driver.poll();
        assertThat(lifts).extracting(r -> r.attrs().get("side") + "/" + r.attrs().get("reads") + "/" + r.attrs().get("truckSeq"))
                .containsExactly("RIGHT/2/2", "LEFT/1/3");
        assertThat(lifts.get(0).attrs()).containsEntry("weighing", "DYNAMIC");
        assertThat(lifts.get(0).value()).isEqualTo(15.5);
        assertThat(heard).hasSize(3);
    }

    @Test
    void aStopHandsOverTheLiftsStillInTheirWindowAndThoseNotYetPolled() throws Exception {
        driver(IdleLink::new);
        feed(frame("L;250004000123456;O;;;;OMR"));
        clock.leap(Duration.ofSeconds(4));
        feed(frame("R;250004000000777;O;;;;OMR"));
        clock.leap(Duration.ofMillis(500));

        List<Reading> last = driver.drainOnStop();

        assertThat(last).extracting(r -> r.attrs().get("truckSeq")).containsExactly("1", "2");
        assertThat(heard).hasSize(2);
        assertThat(driver.drainOnStop()).isEmpty();
    }

    @Test
    void eachLiftCarriesTheFixAtItsFirstReadAndSaysWhenItWasStale() throws Exception {
        driver(IdleLink::new);
        Instant fixAt = clock.instant();
        fix = Optional.of(new Fix(fixAt, 49.4012345, 2.1012345, 1, OptionalDouble.of(0.9), OptionalDouble.of(9),
                OptionalDouble.of(92), OptionalDouble.of(12), OptionalDouble.of(90)));
        feed(frame("R;250004000123456;O;;;;OMR"));
        clock.leap(Duration.ofSeconds(11));
        feed(frame("R;250004000123457;O;;;;OMR"));
        fix = Optional.empty();
        clock.leap(Duration.ofSeconds(11));
        feed(frame("R;250004000123458;O;;;;OMR"));
        clock.leap(Duration.ofSeconds(11));

        List<Reading> lifts = driver.poll();

        assertThat(lifts).extracting(r -> r.attrs().get("fix")).containsExactly("GPS", "STALE", "NONE");
        assertThat(lifts.get(0).attrs()).containsEntry("lat", "49.401235").containsEntry("lon", "2.101235")
                .containsEntry("hdop", "0.9");
        assertThat(lifts.get(1).attrs()).containsEntry("lat", "49.401235");
        assertThat(lifts.get(2).attrs()).doesNotContainKeys("lat", "lon", "hdop");
        lifts.forEach(r -> assertThat(LIFT.problems(r.attrs())).isEmpty());
    }

    @Test
    void aPortThatCannotBeOpenedFailsPollsUnreachableNamingThePort() {
        driver(() -> {
            throw new IOException("serial port /dev/ttyUSB0 does not exist");
        });
        DeviceException e = org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(5))
                .until(() -> catchThrowableOfType(DeviceException.class, driver::poll), x -> x != null);
        assertThat(e.kind()).isEqualTo(Kind.UNREACHABLE);
        assertThat(e.getMessage()).isEqualTo("device reader-bom12: serial port /dev/ttyUSB0 does not exist");
    }

    @Test
    void liftNumbersContinueAcrossARestartWhenKeptInAFile(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
            throws Exception {
        java.nio.file.Path counter = dir.resolve("state/rfid-reader-bom12.truckseq");
        List<String> numbers = new ArrayList<>();
        for (int run = 0; run < 2; run++) {
            driver = new BinLiftRfidDriver("reader-bom12", "/dev/ttyUSB0", IdleLink::new, Duration.ofMillis(10),
                    "BOM-12", WINDOW, Duration.ofSeconds(10), new TagNormaliser(TagNormaliser.HexOrder.MSB_FIRST),
                    Optional::empty, corrupt::add, heard::add, clock, Optional.of(counter));
            for (int lift = 0; lift < 2; lift++) {
                feed(frame("R;250004000123456;O;;;;OMR"));
                clock.leap(Duration.ofSeconds(10));
                driver.poll().forEach(r -> numbers.add(r.attrs().get("truckSeq")));
            }
            driver.close();
        }
        assertThat(numbers).containsExactly("1", "2", "3", "4");
        assertThat(java.nio.file.Files.readString(counter).strip()).isEqualTo("4");

        // A spoiled file is named in the log and the reader goes on from 1 rather than refuse lifts.
        java.nio.file.Files.writeString(counter, "garbage\n");
        driver = new BinLiftRfidDriver("reader-bom12", "/dev/ttyUSB0", IdleLink::new, Duration.ofMillis(10),
                "BOM-12", WINDOW, Duration.ofSeconds(10), new TagNormaliser(TagNormaliser.HexOrder.MSB_FIRST),
                Optional::empty, corrupt::add, heard::add, clock, Optional.of(counter));
        feed(frame("R;250004000123456;O;;;;OMR"));
        clock.leap(Duration.ofSeconds(10));
        assertThat(driver.poll()).singleElement().satisfies(r -> assertThat(r.attrs()).containsEntry("truckSeq", "1"));
    }

    @Test
    void aListenerThatFailsDoesNotLoseTheLift() throws Exception {
        driver = new BinLiftRfidDriver("reader-bom12", "/dev/ttyUSB0", IdleLink::new, Duration.ofMillis(10), "BOM-12",
                WINDOW, Duration.ofSeconds(10), new TagNormaliser(TagNormaliser.HexOrder.MSB_FIRST), Optional::empty,
                corrupt::add, r -> {
                    throw new IllegalStateException("camera down");
                }, clock, Optional.empty());
        feed(frame("R;250004000123456;O;;;;OMR"));
        clock.leap(WINDOW);
        assertThat(driver.poll()).hasSize(1);
    }
}
