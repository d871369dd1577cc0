package fr.beffroi.edge.driver.camera;

import fr.beffroi.edge.driver.CorruptFrame;
import fr.beffroi.edge.driver.DeviceException;
import fr.beffroi.edge.driver.DeviceException.Kind;
import fr.beffroi.profiles.wire.Reading;
import fr.beffroi.sim.face.http.CameraFault;
import fr.beffroi.sim.face.http.HopperCameraHttpServer;
import fr.beffroi.sim.model.camera.HopperCameraConfig;
import fr.beffroi.sim.model.camera.HopperCameraModel;
import fr.beffroi.sim.time.LeapClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import static fr.beffroi.edge.driver.camera.HopperCameraDriverTest.VERDICT;
import static fr.beffroi.edge.driver.camera.RecentLiftsTest.lift;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** The driver against the simulated camera's HTTP API on 127.0.0.1, fed with synthetic lifts. */
class HopperCameraDriverIT {

    private static final Instant T0 = Instant.parse("2026-03-02T05:30:00Z");
    private static final Duration WINDOW = Duration.ofSeconds(30);

    @TempDir
    Path dir;
    private final LeapClock clock = LeapClock.at(T0);
    private final HopperCameraModel camera = new HopperCameraModel(HopperCameraConfig.typical(), 2026, clock);
    private final RecentLifts lifts = new RecentLifts(500);
    private final List<CorruptFrame> corrupt = new ArrayList<>();
    private HopperCameraHttpServer server;

    private HopperCameraDriver driver(Duration timeout) throws Exception {
        if (server == null) {
            server = HopperCameraHttpServer.start("127.0.0.1", 0, "cam-truck-7", camera);
        }
        return new HopperCameraDriver("cam-truck-7", server.uri(), timeout, WINDOW, lifts, dir.resolve("cam.cursor"),
                corrupt::add, clock);
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    private static String tag(int i) {
        return String.format("%016X", 0x3E700000000L + (i * 7919L) % 5000);
    }

    /** A round: a lift every 30 s, three recycling (EMB) bins for one residual (OMR); polls every 10 lifts. */
    private List<Reading> round(HopperCameraDriver driver, int from, int count) throws DeviceException {
        List<Reading> events = new ArrayList<>();
        for (int i = from; i < from + count; i++) {
            Instant at = T0.plusSeconds(30L * i);
            clock.set(at);
            // Bin 0 is lifted again 100 minutes later (a second passage): each lift gets its own verdict.
            String tag = i == 200 ? tag(0) : tag(i);
            lifts.record(lift(tag, at, i + 1));
            camera.trigger(tag, i % 4 == 3 ? "OMR" : "EMB", at);
            if (i % 10 == 9) {
                events.addAll(driver.poll());
            }
        }
        return events;
    }

    @Test
    void everyVerdictOfARoundIsMatchedToItsLiftAndOnlyErrorPhotosStay() throws Exception {
        HopperCameraDriver driver = driver(Duration.ofSeconds(5));

        List<Reading> events = round(driver, 0, 400);
        clock.leap(Duration.ofMinutes(5));
        events.addAll(driver.poll());

        assertThat(events).hasSize(400);
        assertThat(events).extracting(r -> r.attrs().get("verdictId")).doesNotHaveDuplicates();
        assertThat(events).allSatisfy(r -> {
            assertThat(VERDICT.problems(r.attrs())).isEmpty();
            assertThat(r.attrs()).containsEntry("lift", "MATCHED");
        });
        // Each verdict carries the sequence of the very lift that triggered it, the repeated bin too.
        assertThat(events).allSatisfy(r -> assertThat(Instant.parse(r.attrs().get("liftAt")))
                .isEqualTo(T0.plusSeconds(30L * (Long.parseLong(r.attrs().get("truckSeq")) - 1))));

        List<Reading> emb = events.stream().filter(r -> "EMB".equals(r.attrs().get("stream"))).toList();
        long embErrors = emb.stream().filter(r -> "ERRORS".equals(r.attrs().get("status"))).count();
        assertThat(emb).hasSize(300);
        assertThat((double) embErrors / emb.size()).isBetween(0.20, 0.30);

        // RGPD: the camera keeps exactly the photos of verdicts with errors, and those are referenced.
        Set<String> referenced = events.stream().filter(r -> r.attrs().containsKey("image"))
                .map(r -> r.attrs().get("image")).collect(Collectors.toSet());
        assertThat(referenced).hasSize((int) events.stream().filter(r -> "ERRORS".equals(r.attrs().get("status"))).count());
        assertThat(camera.storedImages()).isEqualTo(referenced.size());
        assertThat(referenced).allSatisfy(id -> assertThat(camera.image(id)).isPresent());
        assertThat(driver.imagesDeleted()).isEqualTo(camera.deletedImages()).isPositive();
        assertThat(driver.unmatchedVerdicts()).isZero();
        assertThat(corrupt).isEmpty();
    }

    @Test
    void aFaultyCameraShowsInHealthThenItsVerdictsArriveOnceItRecovers() throws Exception {
        HopperCameraDriver driver = driver(Duration.ofMillis(300));
        List<Reading> events = new ArrayList<>(round(driver, 0, 20));
        List<Kind> health = new ArrayList<>();

        server.setFault(CameraFault.UNAVAILABLE);
        clock.leap(Duration.ofSeconds(10));
        health.add(catchThrowableOfType(DeviceException.class, driver::poll).kind());

        server.setFault(CameraFault.GARBAGE);
        health.add(catchThrowableOfType(DeviceException.class, driver::poll).kind());

        server.setSlowBy(Duration.ofSeconds(5));
        server.setFault(CameraFault.SLOW);
        health.add(catchThrowableOfType(DeviceException.class, driver::poll).kind());

        assertThat(health).containsExactly(Kind.UNREACHABLE, Kind.PROTOCOL, Kind.UNREACHABLE);
        assertThat(corrupt).singleElement().satisfies(f -> assertThat(new String(f.raw())).contains("Hotspot login"));

        // WHEN the camera is well again THEN the verdicts of the whole round arrive, none lost, none twice
        server.setFault(CameraFault.NONE);
        events.addAll(driver.poll());
        assertThat(events).hasSize(20);
        assertThat(events).extracting(r -> r.attrs().get("verdictId")).doesNotHaveDuplicates();
        assertThat(events).allSatisfy(r -> assertThat(r.attrs()).containsEntry("lift", "MATCHED"));
    }

    @Test
    void aRestartedDriverGoesOnFromItsCursor() throws Exception {
        HopperCameraDriver first = driver(Duration.ofSeconds(5));
        List<Reading> events = new ArrayList<>(round(first, 0, 50));
        clock.leap(Duration.ofMinutes(1));
        events.addAll(first.poll());
        first.poll();   // commits the cursor past everything returned
        first.close();

        HopperCameraDriver second = driver(Duration.ofSeconds(5));
        events.addAll(round(second, 50, 50));
        clock.leap(Duration.ofMinutes(1));
        events.addAll(second.poll());

        assertThat(events).hasSize(100);
        assertThat(events).extracting(r -> r.attrs().get("verdictId")).doesNotHaveDuplicates();
    }
}
