package fr.beffroi.edge.driver.camera;

import fr.beffroi.edge.driver.CorruptFrame;
import fr.beffroi.edge.driver.CorruptFrameSink;
import fr.beffroi.edge.driver.CounterFile;
import fr.beffroi.edge.driver.DeviceDriver;
import fr.beffroi.edge.driver.DeviceException;
import fr.beffroi.edge.driver.DeviceException.Kind;
import fr.beffroi.profiles.wire.Quality;
import fr.beffroi.profiles.wire.Reading;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.StringJoiner;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A truck's hopper camera (profile {@code waste/hopper-camera}), read over its HTTP API.
 *
 * <p>Each poll GETs the verdicts after the driver's cursor ({@code /api/v1/verdicts?after=c&limit=N},
 * page after page while pages come back full) and turns each into a {@code verdict} event: value =
 * number of error categories, attributes per the profile. A verdict is tied to its lift by tag and
 * time: the lift of the same tag closest to the camera's {@code liftAt}, within {@code matchWindow},
 * found in the {@link LiftIndex} the RFID reader feeds. A verdict whose lift is not there yet is held
 * (at most {@code matchWindow} of this driver's clock, at most {@value #MAX_HELD} verdicts) and
 * then goes out {@code lift: UNMATCHED}: never dropped.
 *
 * <p>RGPD: the photo of a verdict without errors (CLEAN, or UNREADABLE with a picture) is never
 * referenced and is DELETEd on the camera, retried at later polls while the camera does not answer;
 * the photo of a verdict with errors stays on the camera, its id in the {@code image} attribute.
 * Uploading those photos is not this driver's job (not done yet).
 *
 * <p>Cursor: kept in {@code cursorFile} and moved only at the start of the next poll, once the
 * previous poll's events were returned, and never past a held verdict. A restart therefore loses
 * nothing, and may send the last poll's verdicts again: they keep their {@code verdictId}, so the
 * cloud can tell.
 *
 * <p>Failures: no answer, refused, timed out or 5xx (the camera restarting) is UNREACHABLE; 404 on the
 * verdict list (wrong base URI) is CONFIGURATION; any other status, or a body that is not the API's
 * JSON, is PROTOCOL, and the body goes to the {@link CorruptFrameSink}. A refused page leaves the
 * cursor where it was: the device stays PROTOCOL until the camera answers properly.
 */
public final class HopperCameraDriver implements DeviceDriver {

    private static final Logger LOG = LoggerFactory.getLogger(HopperCameraDriver.class);
    public static final String POINT = "verdict";
    static final String VERDICTS_PATH = "/api/v1/verdicts";
    static final String IMAGES_PATH = "/api/v1/images/";
    static final int PAGE = 200;
    /** Pages per poll: 2,000 verdicts, more than a truck's day; the rest waits for the next poll. */
    static final int MAX_PAGES = 10;
    static final int MAX_HELD = 1_000;
    static final int MAX_DELETIONS = 10_000;
    /** Deletions tried per poll, so that a backlog does not make one poll last minutes. */
    static final int DELETIONS_PER_POLL = 200;

    private final String deviceId;
    private final CameraApi api;
    private final Duration matchWindow;
    private final LiftIndex lifts;
    private final CounterFile cursorFile;
    private final CorruptFrameSink corrupt;
    private final Clock clock;

    // Guarded by this.
    private boolean cursorLoaded;
    private long committed;
    private long fetched;
    private long toCommit;
    private final TreeMap<Long, Held> held = new TreeMap<>();
    private final Deque<String> deletions = new ArrayDeque<>();

    private final AtomicLong matched = new AtomicLong();
    private final AtomicLong unmatched = new AtomicLong();
    private final AtomicLong imagesDeleted = new AtomicLong();
    private final AtomicLong deletionsAbandoned = new AtomicLong();

    /**
     * @param deviceId    the device id from the gateway config
     * @param baseUri     the camera's API root, e.g. {@code http://192.168.8.20:8080}
     * @param timeout     bound on each HTTP request (connect and answer)
     * @param matchWindow how far a verdict's {@code liftAt} may lie from its lift's time, either side;
     *                    also how long a verdict waits for a lift not seen yet
     * @param lifts       the recent lifts (in the agent: the {@link RecentLifts} the RFID reader records into)
     * @param cursorFile  where the verdict cursor survives restarts (a small text file; its folder is created)
     * @param corrupt     where refused answers go
     * @param clock       the agent's clock (how long verdicts wait for their lift)
     */
    public HopperCameraDriver(String deviceId, URI baseUri, Duration timeout, Duration matchWindow, LiftIndex lifts,
                              Path cursorFile, CorruptFrameSink corrupt, Clock clock) {
        this(deviceId, new JdkCameraApi(requireHttp(baseUri), requirePositive(timeout, "timeout")), matchWindow, lifts,
                cursorFile, corrupt, clock);
    }

    /** For tests: any transport. */
    HopperCameraDriver(String deviceId, CameraApi api, Duration matchWindow, LiftIndex lifts, Path cursorFile,
                       CorruptFrameSink corrupt, Clock clock) {
        this.deviceId = Objects.requireNonNull(deviceId, "deviceId");
        this.api = Objects.requireNonNull(api, "api");
        this.matchWindow = requirePositive(matchWindow, "matchWindow");
        this.lifts = Objects.requireNonNull(lifts, "lifts");
        this.cursorFile = new CounterFile(deviceId, cursorFile, "verdict cursor",
                "re-reads every verdict the camera keeps");
        this.corrupt = Objects.requireNonNull(corrupt, "corrupt");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public String deviceId() {
        return deviceId;
    }

    @Override
    public synchronized List<Reading> poll() throws DeviceException {
        if (!cursorLoaded) {
            committed = cursorFile.read();
            fetched = committed;
            toCommit = committed;
            cursorLoaded = true;
            LOG.info("device {}: reading verdicts after cursor {}", deviceId, committed);
        }
        // The previous poll's events were returned: only now may the cursor on disk pass them.
        if (toCommit > committed) {
            cursorFile.write(toCommit);
            committed = toCommit;
        }
        Instant now = clock.instant();
        for (Verdict v : fetchNew()) {
            fetched = v.cursor();
            held.put(v.cursor(), new Held(v, now));
            if (v.status() != Verdict.Status.ERRORS) {
                v.image().ifPresent(this::deleteLater);
            }
        }
        List<Reading> out = release(now);
        deletePending();
        toCommit = held.isEmpty() ? fetched : held.firstKey() - 1;
        return out;
    }

    private List<Verdict> fetchNew() throws DeviceException {
        List<Verdict> all = new ArrayList<>();
        long after = fetched;
        for (int page = 0; page < MAX_PAGES; page++) {
            List<Verdict> verdicts = fetchPage(after);
            all.addAll(verdicts);
            if (verdicts.size() < PAGE) {
                break;
            }
            after = verdicts.get(verdicts.size() - 1).cursor();
        }
        return all;
    }

    private List<Verdict> fetchPage(long after) throws DeviceException {
        String path = VERDICTS_PATH + "?after=" + after + "&limit=" + PAGE;
        CameraApi.Answer answer;
        try {
            answer = api.get(path);
        } catch (IOException e) {
            throw fail(new DeviceException(Kind.UNREACHABLE, "device " + deviceId + ": no answer to GET " + path + ": "
                    + describe(e), e));
        }
        int status = answer.status();
        if (status >= 500) {
            throw fail(new DeviceException(Kind.UNREACHABLE, "device " + deviceId + ": camera answered HTTP " + status
                    + " to GET " + path));
        }
        if (status == 404) {
            throw fail(new DeviceException(Kind.CONFIGURATION, "device " + deviceId + ": no verdict API at " + path
                    + " (HTTP 404): check the camera's base URI"));
        }
        if (status != 200) {
            throw refuse(answer, "HTTP " + status + " to GET " + path);
        }
        if (!answer.contentType().toLowerCase(Locale.ROOT).startsWith("application/json")) {
            throw refuse(answer, "content type '" + answer.contentType() + "' to GET " + path + ", not application/json");
        }
        try {
            return VerdictPage.parse(answer.body(), after);
        } catch (VerdictPage.FormatException e) {
            throw refuse(answer, "verdict page after cursor " + after + ": " + e.getMessage());
        }
    }

    /**
     * Held verdicts, in cursor order, that found their lift or waited long enough; and, beyond
     * {@value #MAX_HELD} held, the oldest whatever they wait for.
     */
    private List<Reading> release(Instant now) {
        int overflow = held.size() - MAX_HELD;
        List<Reading> out = new ArrayList<>();
        Iterator<Held> it = held.values().iterator();
        while (it.hasNext()) {
            Held h = it.next();
            Verdict v = h.verdict();
            Optional<LiftRef> lift = lifts.find(v.tag(), v.liftAt(), matchWindow);
            boolean waitedEnough = !now.isBefore(h.firstSeen().plus(matchWindow));
            if (lift.isEmpty() && !waitedEnough && overflow <= 0) {
                continue;
            }
            it.remove();
            overflow--;
            out.add(event(v, lift));
            if (lift.isPresent()) {
                matched.incrementAndGet();
            } else {
                unmatched.incrementAndGet();
                if (waitedEnough) {
                    LOG.info("device {}: verdict {} (tag {}, lift at {}) has no lift within {}", deviceId, v.id(), v.tag(),
                            v.liftAt(), matchWindow);
                } else {
                    // Only when lifts stop coming for a thousand verdicts (RFID reader down): say so, keep them.
                    LOG.warn("device {}: more than {} verdicts wait for their lift; verdict {} goes out unmatched early",
                            deviceId, MAX_HELD, v.id());
                }
            }
        }
        return out;
    }

    private Reading event(Verdict v, Optional<LiftRef> lift) {
        Map<String, String> attrs = new LinkedHashMap<>();
        attrs.put("verdictId", v.id());
        attrs.put("tag", v.tag());
        attrs.put("liftAt", v.liftAt().toString());
        v.stream().ifPresent(s -> attrs.put("stream", s));
        attrs.put("status", v.status().name());
        if (v.status() == Verdict.Status.ERRORS) {
            StringJoiner errors = new StringJoiner(",");
            v.errors().forEach(f -> errors.add(f.category() + ":" + String.format(Locale.ROOT, "%.2f", f.confidence())));
            attrs.put("errors", errors.toString());
            v.image().ifPresent(id -> attrs.put("image", id));
        }
        attrs.put("lift", lift.isPresent() ? "MATCHED" : "UNMATCHED");
        lift.flatMap(LiftRef::truckSeq).ifPresent(seq -> attrs.put("truckSeq", seq));
        Quality quality = v.status() == Verdict.Status.UNREADABLE ? Quality.UNCERTAIN : Quality.GOOD;
        return new Reading(0, deviceId, POINT, v.decidedAt(), v.errors().size(), "1", quality, attrs);
    }

    private void deleteLater(String imageId) {
        if (deletions.size() >= MAX_DELETIONS) {
            long n = deletionsAbandoned.incrementAndGet();
            LOG.warn("device {}: {} photos without errors left on the camera so far (deletion queue full at {}), now {}",
                    deviceId, n, MAX_DELETIONS, imageId);
            return;
        }
        deletions.addLast(imageId);
    }

    /** Best effort: a camera that does not answer keeps the rest of the queue for the next poll. */
    private void deletePending() {
        for (int i = 0; i < DELETIONS_PER_POLL && !deletions.isEmpty(); i++) {
            String imageId = deletions.peekFirst();
            CameraApi.Answer answer;
            try {
                answer = api.delete(IMAGES_PATH + imageId);
            } catch (IOException e) {
                LOG.warn("device {}: cannot delete photo {} ({}); {} deletions wait for the next poll", deviceId, imageId,
                        describe(e), deletions.size());
                return;
            }
            int status = answer.status();
            if (status >= 500) {
                LOG.warn("device {}: camera answered HTTP {} to deleting photo {}; {} deletions wait for the next poll",
                        deviceId, status, imageId, deletions.size());
                return;
            }
            deletions.removeFirst();
            if (status == 200 || status == 204 || status == 404) {
                // 404: already gone (deleted before a restart, or expired on the camera).
                imagesDeleted.incrementAndGet();
            } else {
                long n = deletionsAbandoned.incrementAndGet();
                LOG.warn("device {}: camera refused to delete photo {} (HTTP {}); {} photos left on the camera so far",
                        deviceId, imageId, status, n);
            }
        }
    }

    private DeviceException refuse(CameraApi.Answer answer, String what) {
        String reason = "camera answered " + what;
        corrupt.accept(new CorruptFrame(deviceId, clock.instant(), answer.body(), reason));
        return fail(new DeviceException(Kind.PROTOCOL, "device " + deviceId + ": " + reason));
    }

    private DeviceException fail(DeviceException e) {
        LOG.warn("device {}: poll failed ({}): {}", deviceId, e.kind(), e.getMessage());
        return e;
    }

    private static String describe(IOException e) {
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getClass().getSimpleName() + ": " + e.getMessage();
    }

    /** Verdicts tied to a lift since start. */
    public long matchedVerdicts() {
        return matched.get();
    }

    /** Verdicts sent without a lift since start. */
    public long unmatchedVerdicts() {
        return unmatched.get();
    }

    /** Photos without errors deleted on the camera (or found already gone) since start. */
    public long imagesDeleted() {
        return imagesDeleted.get();
    }

    /** Photos without errors the driver gave up deleting (queue full, camera refusing). */
    public long deletionsAbandoned() {
        return deletionsAbandoned.get();
    }

    /** Verdicts waiting for their lift. */
    synchronized int heldVerdicts() {
        return held.size();
    }

    /** Photos waiting to be deleted. */
    synchronized int pendingDeletions() {
        return deletions.size();
    }

    @Override
    public synchronized void close() {
        api.close();
        if (!held.isEmpty()) {
            LOG.info("device {}: closing with {} verdicts waiting for their lift; the next start reads them again",
                    deviceId, held.size());
        }
    }

    private static URI requireHttp(URI uri) {
        Objects.requireNonNull(uri, "baseUri");
        if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme())) {
            throw new IllegalArgumentException("camera base URI must be http or https, got " + uri);
        }
        return uri;
    }

    private static Duration requirePositive(Duration d, String name) {
        Objects.requireNonNull(d, name);
        if (d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException(name + " must be positive, got " + d);
        }
        return d;
    }

    private record Held(Verdict verdict, Instant firstSeen) {
    }
}
