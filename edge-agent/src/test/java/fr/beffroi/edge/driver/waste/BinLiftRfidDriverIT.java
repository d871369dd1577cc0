package fr.beffroi.edge.driver.waste;

import fr.beffroi.edge.driver.CorruptFrame;
import fr.beffroi.edge.driver.DeviceException;
import fr.beffroi.edge.driver.DeviceException.Kind;
import fr.beffroi.profiles.load.ProfileLoader;
import fr.beffroi.profiles.model.EventSpec;
import fr.beffroi.profiles.wire.Reading;
import fr.beffroi.sim.face.modbusrtu.PtyPair;
import fr.beffroi.sim.face.serial.BinLiftReaderFace;
import fr.beffroi.sim.face.serial.GpsFace;
import fr.beffroi.sim.face.serial.TagForm;
import fr.beffroi.sim.model.waste.Route;
import fr.beffroi.sim.model.waste.SimulatedLift;
import fr.beffroi.sim.model.waste.TruckRound;
import fr.beffroi.sim.model.waste.TruckRoundConfig;
import fr.beffroi.sim.time.ScaledClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The simulated truck (reader and GPS faces) on two socat pty pairs, read by the two drivers: lifts
 * arrive with the GPS position, corrupt frames are counted while good lifts keep flowing, and the
 * reader's port vanishing and coming back is health, then lifts again. Skipped without socat.
 */
class BinLiftRfidDriverIT {

    private static final int BAUD = 9_600;
    /** Simulated time runs 60 times faster: a lift every 0.25–2 s of real time. */
    private static final double SPEED = 60;
    /** 10 s simulated (well under the 15 s between lifts): room for thread scheduling on a busy machine. */
    private static final Duration WINDOW = Duration.ofSeconds(10);
    private static final EventSpec LIFT = new ProfileLoader().load("waste", "binlift-rfid").event("lift").orElseThrow();

    private final Clock clock = ScaledClock.starting(Instant.parse("2026-06-02T03:00:00Z"), SPEED, Clock.systemUTC());
    private final TruckRound round = new TruckRound(TruckRoundConfig.oise(21, "BOM-12"), Route.oiseVillage(), clock);
    private final Map<String, SimulatedLift> simulated = new ConcurrentHashMap<>();
    private final List<CorruptFrame> corrupt = Collections.synchronizedList(new ArrayList<>());
    private final List<Reading> heard = Collections.synchronizedList(new ArrayList<>());
    private String id;
    private PtyPair readerLine;
    private PtyPair gpsLine;
    private BinLiftReaderFace readerFace;
    private GpsFace gpsFace;
    private NmeaGpsDriver gps;
    private BinLiftRfidDriver reader;

    @BeforeEach
    void openLines() throws Exception {
        assumeTrue(PtyPair.socat().isPresent(), "socat is not installed at " + PtyPair.SOCAT
                + ": no virtual serial lines for the truck test (apt-get install socat)");
        id = UUID.randomUUID().toString().substring(0, 8);
        readerLine = readerPair();
        gpsLine = PtyPair.open(Path.of("/tmp/gps-" + id + "-a"), Path.of("/tmp/gps-" + id + "-b"), Duration.ofSeconds(5));
        round.onLift(l -> simulated.put(l.tagHex() + "@" + l.truckSeq(), l));
        gpsFace = GpsFace.start(gpsLine.a(), BAUD, round, clock, Duration.ofMillis(50));
        gps = new NmeaGpsDriver("gps-bom12", gpsLine.b(), BAUD, corrupt::add, clock);
        reader = new BinLiftRfidDriver("reader-bom12", readerLine.b(), BAUD, "BOM-12", WINDOW, gps, corrupt::add,
                heard::add, clock);
        await().atMost(Duration.ofSeconds(10)).until(() -> gps.latest().isPresent());
    }

    private PtyPair readerPair() throws Exception {
        return PtyPair.open(Path.of("/tmp/rfid-" + id + "-a"), Path.of("/tmp/rfid-" + id + "-b"), Duration.ofSeconds(5));
    }

    @AfterEach
    void closeLines() {
        for (AutoCloseable c : new AutoCloseable[] {reader, gps, readerFace, gpsFace, readerLine, gpsLine}) {
            if (c != null) {
                try {
                    c.close();
                } catch (Exception e) {
                    // closing what the test opened; nothing more to do
                }
            }
        }
    }

    private List<Reading> pollUntil(int lifts) {
        List<Reading> got = new ArrayList<>();
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100)).until(() -> {
            try {
                got.addAll(reader.poll());
            } catch (DeviceException e) {
                // the port is being reopened; keep polling
            }
            return got.size() >= lifts;
        });
        return got;
    }

    @Test
    void liftsArriveWithTheirGpsPositionAndCorruptFramesAreCountedWhileLiftsKeepFlowing() throws Exception {
        readerFace = BinLiftReaderFace.start(readerLine.a(), BAUD, round, TagForm.DECIMAL, 0.1, 5, Duration.ofMillis(20));

        List<Reading> lifts = pollUntil(30);

        for (int i = 0; i < lifts.size(); i++) {
            Reading r = lifts.get(i);
            assertThat(LIFT.problems(r.attrs())).as("lift %s", r.attrs()).isEmpty();
            assertThat(r.attrs().get("truckSeq")).isEqualTo(Integer.toString(i + 1));
            assertThat(r.attrs().get("fix")).as("a GPS fix at every lift").isIn("GPS", "STALE");
            // the simulated lift with this tag: the position the truck was at, to a few metres
            String tag = r.attrs().getOrDefault("tag", "");
            SimulatedLift sim = simulated.values().stream().filter(s -> s.tagHex().equals(tag))
                    .min((a, b) -> Long.compare(Math.abs(Duration.between(a.at(), r.ts()).toMillis()),
                            Math.abs(Duration.between(b.at(), r.ts()).toMillis())))
                    .orElseThrow();
            assertThat(Double.parseDouble(r.attrs().get("lat"))).isCloseTo(sim.lat(), within(0.001));
            assertThat(Double.parseDouble(r.attrs().get("lon"))).isCloseTo(sim.lon(), within(0.001));
            if (sim.gross().isPresent() && r.attrs().get("status").equals("OK")) {
                assertThat(r.value()).isCloseTo(sim.netKg(), within(0.051));
            }
        }
        assertThat(readerFace.spoiled()).isPositive();
        readerFace.close();
        long spoiled = readerFace.spoiled();
        // a frame that lost its ETX is refused only when the next STX comes: at most one is pending
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() ->
                assertThat(reader.corruptFrames()).isBetween(spoiled - 1, spoiled));
        assertThat(corrupt).extracting(CorruptFrame::device).containsOnly("reader-bom12");
        assertThat(gps.corruptSentences()).isZero();
        assertThat(heard.subList(0, lifts.size())).containsExactlyElementsOf(lifts);
    }

    @Test
    void whenTheReadersPortVanishesPollsSaySoAndLiftsFlowAgainOnceItIsBack() throws Exception {
        readerFace = BinLiftReaderFace.start(readerLine.a(), BAUD, round, TagForm.DOT_HEX, 0, 5, Duration.ofMillis(20));
        List<Reading> before = pollUntil(3);

        readerFace.close();
        readerLine.close();
        DeviceException e = await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(100))
                .until(() -> catchThrowableOfType(DeviceException.class, reader::poll), x -> x != null);
        assertThat(e.kind()).isEqualTo(Kind.UNREACHABLE);
        assertThat(e.getMessage()).startsWith("device reader-bom12: serial port " + readerLine.b());

        readerLine = readerPair();
        readerFace = BinLiftReaderFace.start(readerLine.a(), BAUD, round, TagForm.DOT_HEX, 0, 5, Duration.ofMillis(20));
        List<Reading> after = pollUntil(3);

        long lastBefore = Long.parseLong(before.get(before.size() - 1).attrs().get("truckSeq"));
        assertThat(Long.parseLong(after.get(0).attrs().get("truckSeq"))).isGreaterThan(lastBefore);
        assertThat(after).allSatisfy(r -> assertThat(LIFT.problems(r.attrs())).isEmpty());
    }
}
