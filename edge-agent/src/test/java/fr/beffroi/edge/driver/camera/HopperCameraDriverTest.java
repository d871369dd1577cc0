package fr.beffroi.edge.driver.camera;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import fr.beffroi.edge.driver.CorruptFrame;
import fr.beffroi.edge.driver.DeviceException;
import fr.beffroi.edge.driver.DeviceException.Kind;
import fr.beffroi.edge.testing.MutableClock;
import fr.beffroi.profiles.load.ProfileLoader;
import fr.beffroi.profiles.model.EventSpec;
import fr.beffroi.profiles.wire.Reading;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static fr.beffroi.edge.driver.camera.RecentLiftsTest.lift;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** The camera driver on a scripted camera: golden answers in, verdict events out. */
class HopperCameraDriverTest {

    static final EventSpec VERDICT = new ProfileLoader().load("waste", "hopper-camera").event("verdict").orElseThrow();
    static final Duration WINDOW = Duration.ofSeconds(30);
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;
    private final MutableClock clock = MutableClock.at("2026-03-02T07:16:25Z");
    private final FakeCamera camera = new FakeCamera();
    private final RecentLifts lifts = new RecentLifts(100);
    private final List<CorruptFrame> corrupt = new ArrayList<>();

    private HopperCameraDriver driver() {
        return new HopperCameraDriver("cam-truck-7", camera, WINDOW, lifts, dir.resolve("state/cam-truck-7.cursor"),
                corrupt::add, clock);
    }

    static byte[] resource(String name) throws IOException {
        try (InputStream in = HopperCameraDriverTest.class.getResourceAsStream("/camera/" + name)) {
            return in.readAllBytes();
        }
    }

    record Expected(String ts, double value, String quality, LinkedHashMap<String, String> attrs) {
    }

    @Test
    void goldenAnswerBecomesVerdictEventsThatKeepToTheProfile() throws Exception {
        // GIVEN a camera page with a clean, an erroneous and an unreadable verdict; lifts for the first two
        camera.pages.put(0L, FakeCamera.json(resource("verdicts-mixed.json")));
        lifts.record(lift("0003E71CBE991A14", Instant.parse("2026-03-02T07:14:59Z"), 1207));
        lifts.record(lift("0003E71CBE991A15", Instant.parse("2026-03-02T07:15:41Z"), 1208));
        HopperCameraDriver driver = driver();

        // WHEN polled, then polled again once the unreadable one waited a whole window for a lift
        List<Reading> events = new ArrayList<>(driver.poll());
        assertThat(events).hasSize(2);
        assertThat(driver.heldVerdicts()).isEqualTo(1);
        clock.advance(WINDOW);
        events.addAll(driver.poll());

        // THEN the events are the golden ones, each within the profile
        List<Expected> expected = JSON.readValue(resource("verdicts-mixed.expected.json"), new TypeReference<>() { });
        assertThat(events).hasSameSizeAs(expected);
        for (int i = 0; i < expected.size(); i++) {
            Reading r = events.get(i);
            Expected e = expected.get(i);
            assertThat(r.device()).isEqualTo("cam-truck-7");
            assertThat(r.point()).isEqualTo("verdict");
            assertThat(r.unit()).isEqualTo(VERDICT.unit());
            assertThat(r.ts()).isEqualTo(Instant.parse(e.ts()));
            assertThat(r.value()).isEqualTo(e.value());
            assertThat(r.quality().name()).isEqualTo(e.quality());
            assertThat(r.attrs()).containsExactlyEntriesOf(e.attrs());
            assertThat(VERDICT.problems(r.attrs())).as("event %d against the profile", i).isEmpty();
        }
        assertThat(driver.matchedVerdicts()).isEqualTo(2);
        assertThat(driver.unmatchedVerdicts()).isEqualTo(1);
    }

    @Test
    void photosWithoutErrorsAreNeverReferencedAndAreDeletedOnTheCamera() throws Exception {
        camera.pages.put(0L, FakeCamera.json(resource("verdicts-mixed.json")));
        clock.advance(WINDOW);
        HopperCameraDriver driver = driver();

        List<Reading> events = driver.poll();
        clock.advance(WINDOW);
        events = new ArrayList<>(events);
        events.addAll(driver.poll());

        assertThat(events).filteredOn(r -> !"ERRORS".equals(r.attrs().get("status")))
                .allSatisfy(r -> assertThat(r.attrs()).doesNotContainKey("image"));
        assertThat(events).filteredOn(r -> "ERRORS".equals(r.attrs().get("status")))
                .singleElement().satisfies(r -> assertThat(r.attrs()).containsEntry("image", "IMG-00000042"));
        assertThat(camera.deletes).containsExactly("/api/v1/images/IMG-00000041");
        assertThat(driver.imagesDeleted()).isEqualTo(1);
    }

    @Test
    void deletionsWaitForACameraThatDoesNotAnswerAndAreRetried() throws Exception {
        camera.pages.put(0L, FakeCamera.json(resource("verdicts-mixed.json")));
        HopperCameraDriver driver = driver();
        driver.poll();
        assertThat(camera.deletes).hasSize(1);

        // GIVEN a camera that answers 503 to deletes
        camera.pages.put(45L, FakeCamera.json("""
                {"verdicts":[{"cursor":46,"id":"V-46","tag":"0003E71CBE991A20","liftAt":"2026-03-02T07:17:00Z",
                "decidedAt":"2026-03-02T07:17:01Z","status":"CLEAN","errors":[],"image":"IMG-46"}]}"""));
        camera.deleteStatus = 503;
        driver.poll();
        assertThat(driver.pendingDeletions()).isEqualTo(1);

        // WHEN it recovers THEN the photo goes at the next poll; 404 (already gone) counts as done
        camera.deleteStatus = 404;
        driver.poll();
        assertThat(driver.pendingDeletions()).isZero();
        assertThat(camera.deletes).containsExactly("/api/v1/images/IMG-00000041", "/api/v1/images/IMG-46",
                "/api/v1/images/IMG-46");
    }

    @Test
    void aVerdictBeforeItsLiftWaitsForItThenIsMatched() throws Exception {
        camera.pages.put(0L, FakeCamera.json("""
                {"verdicts":[{"cursor":1,"id":"V-1","tag":"0003E71CBE991A14","liftAt":"2026-03-02T07:16:20Z",
                "decidedAt":"2026-03-02T07:16:22Z","status":"ERRORS","errors":[{"category":"GLASS","confidence":0.9}],
                "image":"IMG-1"}]}"""));
        HopperCameraDriver driver = driver();

        assertThat(driver.poll()).isEmpty();
        clock.advance(Duration.ofSeconds(10));
        lifts.record(lift("0003E71CBE991A14", Instant.parse("2026-03-02T07:16:19Z"), 300));
        List<Reading> events = driver.poll();

        assertThat(events).singleElement().satisfies(r -> {
            assertThat(r.attrs()).containsEntry("lift", "MATCHED").containsEntry("truckSeq", "300")
                    .containsEntry("errors", "GLASS:0.90");
            assertThat(r.value()).isEqualTo(1);
        });
    }

    @Test
    void aVerdictWithoutLiftIsKeptAsUnmatchedOnceTheWindowHasPassed() throws Exception {
        camera.pages.put(0L, FakeCamera.json("""
                {"verdicts":[{"cursor":1,"id":"V-1","tag":"0003E71CBE991A14","liftAt":"2026-03-02T07:16:20Z",
                "decidedAt":"2026-03-02T07:16:22Z","status":"CLEAN","errors":[],"image":"IMG-1"}]}"""));
        // A lift of the same bin, but an hour earlier: not this verdict's.
        lifts.record(lift("0003E71CBE991A14", Instant.parse("2026-03-02T06:16:20Z"), 12));
        HopperCameraDriver driver = driver();

        assertThat(driver.poll()).isEmpty();
        clock.advance(WINDOW.minusSeconds(1));
        assertThat(driver.poll()).isEmpty();
        clock.advance(Duration.ofSeconds(1));

        assertThat(driver.poll()).singleElement().satisfies(r -> {
            assertThat(r.attrs()).containsEntry("lift", "UNMATCHED").doesNotContainKey("truckSeq");
            assertThat(VERDICT.problems(r.attrs())).isEmpty();
        });
    }

    @Test
    void theCursorSurvivesARestartAndMovesOnlyOnceEventsWereReturned() throws Exception {
        camera.pages.put(0L, FakeCamera.json(resource("verdicts-mixed.json")));
        lifts.record(lift("0003E71CBE991A14", Instant.parse("2026-03-02T07:15:00Z"), 1207));
        lifts.record(lift("0003E71CBE991A15", Instant.parse("2026-03-02T07:15:40Z"), 1208));
        Path cursor = dir.resolve("state/cam-truck-7.cursor");

        // GIVEN a first run that returned all three events, then stopped before its next poll
        HopperCameraDriver first = driver();
        assertThat(first.poll()).hasSize(2);   // the unreadable one (cursor 45) waits for its lift
        assertThat(cursor).doesNotExist();
        clock.advance(WINDOW);
        assertThat(first.poll()).extracting(r -> r.attrs().get("verdictId")).containsExactly("V-00000045");
        // The first poll's events were returned, but not past 45, which was still held then.
        assertThat(Files.readString(cursor).trim()).isEqualTo("44");
        first.close();

        // WHEN a second run starts THEN it asks after 44 and sends verdict 45 again, with its verdictId
        HopperCameraDriver second = driver();
        camera.gets.clear();
        camera.pages.put(44L, FakeCamera.json("""
                {"verdicts":[{"cursor":45,"id":"V-00000045","tag":"0003E71CBE991A16","stream":"EMB",
                "liftAt":"2026-03-02T07:16:20Z","decidedAt":"2026-03-02T07:16:21.500Z","status":"UNREADABLE"}]}"""));
        clock.advance(WINDOW);
        second.poll();
        clock.advance(WINDOW);
        List<Reading> again = second.poll();
        assertThat(camera.gets).first().isEqualTo("/api/v1/verdicts?after=44&limit=200");
        assertThat(again).extracting(r -> r.attrs().get("verdictId")).containsExactly("V-00000045");

        // AND once those were returned, the next poll moves the cursor past them
        second.poll();
        assertThat(Files.readString(cursor).trim()).isEqualTo("45");
        assertThat(camera.gets).last().isEqualTo("/api/v1/verdicts?after=45&limit=200");
        assertThat(camera.gets).hasSize(3);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "bad-html.txt             | not JSON",
            "bad-cursor-backwards.json| verdicts[1].cursor: 6 does not follow 7",
            "bad-status.json          | verdicts[0].status: 'DIRTY' is not one of CLEAN, ERRORS, UNREADABLE",
            "bad-confidence.json      | verdicts[0].errors[0].confidence: expected a number in [0, 1], got 91",
            "bad-image-path.json      | verdicts[0].image: '../../etc/passwd' does not match",
            "bad-tag.json             | verdicts[0].tag: '3E7.1CBE991A14' does not match"})
    void anAnswerThatIsNotTheApiIsProtocolAndKeptRaw(String file, String reason) throws Exception {
        byte[] body = resource(file);
        camera.pages.put(0L, FakeCamera.json(body));
        HopperCameraDriver driver = driver();

        DeviceException e = catchThrowableOfType(DeviceException.class, driver::poll);

        assertThat(e.kind()).isEqualTo(Kind.PROTOCOL);
        assertThat(e.getMessage()).startsWith("device cam-truck-7: ").contains(reason);
        assertThat(corrupt).singleElement().satisfies(f -> {
            assertThat(f.device()).isEqualTo("cam-truck-7");
            assertThat(f.raw()).isEqualTo(body);
            assertThat(f.reason()).contains(reason);
        });
        // Nothing was skipped: the next poll asks for the same verdicts again.
        camera.pages.clear();
        driver.poll();
        assertThat(camera.gets).containsExactly("/api/v1/verdicts?after=0&limit=200", "/api/v1/verdicts?after=0&limit=200");
    }

    @Test
    void failuresSayWhoseFaultTheyAre() throws Exception {
        HopperCameraDriver driver = driver();

        camera.unreachable = true;
        DeviceException down = catchThrowableOfType(DeviceException.class, driver::poll);
        assertThat(down.kind()).isEqualTo(Kind.UNREACHABLE);
        assertThat(down.getMessage()).contains("cam-truck-7").contains("Connection refused");
        camera.unreachable = false;

        camera.pages.put(0L, new CameraApi.Answer(503, "text/plain", "restarting".getBytes(StandardCharsets.UTF_8)));
        assertThat(catchThrowableOfType(DeviceException.class, driver::poll).kind()).isEqualTo(Kind.UNREACHABLE);

        camera.pages.put(0L, new CameraApi.Answer(404, "text/plain", new byte[0]));
        DeviceException wrongUri = catchThrowableOfType(DeviceException.class, driver::poll);
        assertThat(wrongUri.kind()).isEqualTo(Kind.CONFIGURATION);
        assertThat(wrongUri.getMessage()).contains("base URI");

        camera.pages.put(0L, new CameraApi.Answer(200, "text/html", "<html/>".getBytes(StandardCharsets.UTF_8)));
        assertThat(catchThrowableOfType(DeviceException.class, driver::poll).kind()).isEqualTo(Kind.PROTOCOL);
        assertThat(corrupt).hasSize(1);
    }

    @Test
    void aCorruptCursorFileIsAConfigurationErrorNamingTheFile() throws Exception {
        Path cursor = dir.resolve("state/cam-truck-7.cursor");
        Files.createDirectories(cursor.getParent());
        Files.writeString(cursor, "forty-two\n");

        DeviceException e = catchThrowableOfType(DeviceException.class, driver()::poll);

        assertThat(e.kind()).isEqualTo(Kind.CONFIGURATION);
        assertThat(e.getMessage()).contains("cam-truck-7").contains(cursor.toString()).contains("forty-two");
    }

    @Test
    void aFullPageIsFollowedByTheNextInTheSamePoll() throws Exception {
        clock.advance(WINDOW);
        camera.pages.put(0L, FakeCamera.json(page(1, HopperCameraDriver.PAGE)));
        camera.pages.put((long) HopperCameraDriver.PAGE, FakeCamera.json(page(HopperCameraDriver.PAGE + 1, 3)));
        HopperCameraDriver driver = driver();
        clock.advance(WINDOW);

        List<Reading> events = driver.poll();

        // Waited a window already? No: first seen now, so they are held until the window passes.
        assertThat(events).isEmpty();
        clock.advance(WINDOW);
        assertThat(driver.poll()).hasSize(HopperCameraDriver.PAGE + 3);
        assertThat(camera.gets).startsWith("/api/v1/verdicts?after=0&limit=200", "/api/v1/verdicts?after=200&limit=200");
    }

    @Test
    void beyondAThousandWaitingVerdictsTheOldestGoOutUnmatchedAtOnceNeverDropped() throws Exception {
        // GIVEN an RFID reader that stopped recording lifts, and 1,005 verdicts on the camera
        int total = HopperCameraDriver.MAX_HELD + 5;
        for (int from = 1; from <= total; from += HopperCameraDriver.PAGE) {
            camera.pages.put((long) from - 1, FakeCamera.json(page(from, Math.min(HopperCameraDriver.PAGE, total - from + 1))));
        }
        HopperCameraDriver driver = driver();

        List<Reading> early = driver.poll();

        assertThat(early).extracting(r -> r.attrs().get("verdictId")).containsExactly("V-1", "V-2", "V-3", "V-4", "V-5");
        assertThat(early).allSatisfy(r -> assertThat(r.attrs()).containsEntry("lift", "UNMATCHED"));
        assertThat(driver.heldVerdicts()).isEqualTo(HopperCameraDriver.MAX_HELD);
        clock.advance(WINDOW);
        assertThat(driver.poll()).hasSize(HopperCameraDriver.MAX_HELD);
    }

    private static String page(int from, int count) {
        StringBuilder sb = new StringBuilder("{\"verdicts\":[");
        for (int i = 0; i < count; i++) {
            long c = from + i;
            sb.append(i == 0 ? "" : ",").append(String.format(
                    "{\"cursor\":%d,\"id\":\"V-%d\",\"tag\":\"%016X\",\"liftAt\":\"2026-03-02T07:00:00Z\","
                            + "\"decidedAt\":\"2026-03-02T07:00:02Z\",\"status\":\"UNREADABLE\",\"errors\":[]}", c, c, c));
        }
        return sb.append("]}").toString();
    }

    @Test
    void theMatchedAndUnmatchedAttributesFollowTheProfile() {
        assertThat(VERDICT.problems(Map.of("verdictId", "V-1", "tag", "0003E71CBE991A14", "liftAt", "2026-03-02T07:16:20Z",
                "status", "CLEAN", "lift", "UNMATCHED"))).isEmpty();
    }
}
