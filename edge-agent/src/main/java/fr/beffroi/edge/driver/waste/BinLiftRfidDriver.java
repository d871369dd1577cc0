package fr.beffroi.edge.driver.waste;

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

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.regex.Pattern;

/**
 * The bin-lift RFID reader of a refuse truck on a serial port (profile {@code waste/binlift-rfid}).
 *
 * <p>A reading thread ({@link SerialPump}) reads the port, cuts frames ({@link StxEtxFramer}),
 * decodes each into a raw read stamped with the edge clock and the truck's latest GPS fix, and
 * merges the reads of one bin within the lift window ({@link LiftMerger}). Each closed lift becomes
 * one {@code lift} event, numbered per truck ({@code truckSeq}), queued for the next poll (at most
 * {@value #MAX_QUEUED}; past that the oldest are dropped, counted and logged) and handed at once to
 * the lift listener (the hopper camera's correlation).
 *
 * <p>A frame that fails its framing, checksum or fields goes to the {@link CorruptFrameSink} with
 * the reason, is counted, and reading goes on. When the port fails or vanishes the thread reopens it
 * every {@link #REOPEN_DELAY}; meanwhile a poll that has no lift to return fails UNREACHABLE naming
 * the port. Lifts still in their window when the driver closes are logged, not reported.
 */
public final class BinLiftRfidDriver implements DeviceDriver {

    private static final Logger LOG = LoggerFactory.getLogger(BinLiftRfidDriver.class);
    static final String EVENT = "lift";
    static final String UNIT = "kg";
    static final int MAX_QUEUED = 10_000;
    static final int MAX_FRAME = 96;
    /** How long a reopen waits after the port failed. */
    public static final Duration REOPEN_DELAY = Duration.ofSeconds(1);
    /** A fix older than this at lift time is reported STALE. */
    public static final Duration DEFAULT_FIX_STALE_AFTER = Duration.ofSeconds(10);
    private static final Pattern TRUCK = Pattern.compile("[A-Za-z0-9_-]{1,32}");

    private final String deviceId;
    private final String serialPort;
    private final String truck;
    private final Duration fixStaleAfter;
    private final TagNormaliser tags;
    private final PositionSource gps;
    private final CorruptFrameSink corruptSink;
    private final Consumer<Reading> liftListener;
    private final Clock clock;
    private final SerialPump pump;
    private final StxEtxFramer framer;

    /** Guarded by {@code this}: merger, truck sequence and queue. */
    private final LiftMerger merger;
    private long truckSeq;
    private final Optional<CounterFile> liftCounter;
    private final Deque<Reading> queued = new ArrayDeque<>();

    private final AtomicLong corruptFrames = new AtomicLong();
    private final AtomicLong droppedLifts = new AtomicLong();
    private final AtomicLong lifts = new AtomicLong();

    /**
     * A reader on {@code serialPort} at {@code baud} 8N1, tags written MSB first, fixes stale after
     * {@link #DEFAULT_FIX_STALE_AFTER}.
     */
    public BinLiftRfidDriver(String deviceId, String serialPort, int baud, String truck, Duration liftWindow,
                             PositionSource gps, CorruptFrameSink corrupt, Consumer<Reading> liftListener, Clock clock) {
        this(deviceId, serialPort, baud, truck, liftWindow, DEFAULT_FIX_STALE_AFTER, TagNormaliser.HexOrder.MSB_FIRST,
                gps, corrupt, liftListener, clock, Optional.empty());
    }

    /**
     * Every setting.
     *
     * @param liftCounter a file keeping the last {@code truckSeq}, so that a restart continues the
     *                    count (a gap then means lifts lost, not a restart); empty = from 1 at each start
     */
    public BinLiftRfidDriver(String deviceId, String serialPort, int baud, String truck, Duration liftWindow,
                             Duration fixStaleAfter, TagNormaliser.HexOrder hexOrder, PositionSource gps,
                             CorruptFrameSink corrupt, Consumer<Reading> liftListener, Clock clock,
                             Optional<Path> liftCounter) {
        this(deviceId, serialPort, JSerialCommLink.opener(serialPort, baud), REOPEN_DELAY, truck, liftWindow,
                fixStaleAfter, new TagNormaliser(hexOrder), gps, corrupt, liftListener, clock, liftCounter);
    }

    /** For tests: any link. */
    BinLiftRfidDriver(String deviceId, String serialPort, SerialLink.Opener opener, Duration reopenDelay, String truck,
                      Duration liftWindow, Duration fixStaleAfter, TagNormaliser tags, PositionSource gps,
                      CorruptFrameSink corrupt, Consumer<Reading> liftListener, Clock clock,
                      Optional<Path> liftCounter) {
        this.deviceId = Objects.requireNonNull(deviceId, "deviceId");
        this.serialPort = Objects.requireNonNull(serialPort, "serialPort");
        this.truck = Objects.requireNonNull(truck, "truck");
        if (!TRUCK.matcher(truck).matches()) {
            throw new IllegalArgumentException("device " + deviceId + ": truck '" + truck + "' must match " + TRUCK);
        }
        this.fixStaleAfter = Objects.requireNonNull(fixStaleAfter, "fixStaleAfter");
        this.tags = Objects.requireNonNull(tags, "tags");
        this.gps = Objects.requireNonNull(gps, "gps");
        this.corruptSink = Objects.requireNonNull(corrupt, "corrupt");
        this.liftListener = Objects.requireNonNull(liftListener, "liftListener");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.merger = new LiftMerger(Objects.requireNonNull(liftWindow, "liftWindow"));
        this.liftCounter = liftCounter.map(f -> new CounterFile(deviceId, f, "lift number",
                "numbers the next lift 1 again"));
        if (this.liftCounter.isPresent()) {
            try {
                truckSeq = this.liftCounter.get().read();
            } catch (DeviceException e) {
                // Lifts matter more than their numbering: read on, from 1, and say so.
                LOG.error("{}; numbering lifts from 1 again", e.getMessage());
            }
        }
        this.framer = new StxEtxFramer(MAX_FRAME, new FrameListener() {
            @Override
            public void frame(byte[] raw, String payload) {
                onFrame(raw, payload);
            }

            @Override
            public void corrupt(byte[] raw, String reason) {
                refuse(raw, reason);
            }
        });
        this.pump = new SerialPump(deviceId, serialPort, opener, reopenDelay, new SerialPump.Handler() {
            @Override
            public void bytes(byte[] chunk, int length) {
                receive(chunk, length);
            }

            @Override
            public void idle() {
                closeDueLifts();
            }

            @Override
            public void lost(String reason) {
                framer.reset(reason);
            }
        });
    }

    @Override
    public String deviceId() {
        return deviceId;
    }

    @Override
    public List<Reading> poll() throws DeviceException {
        pump.start();
        closeDueLifts();
        List<Reading> out;
        synchronized (this) {
            out = new ArrayList<>(queued);
            queued.clear();
        }
        if (out.isEmpty()) {
            Optional<String> problem = pump.problem();
            if (problem.isPresent()) {
                throw new DeviceException(Kind.UNREACHABLE, SerialPump.describe(deviceId, serialPort, problem.get()));
            }
        }
        return out;
    }

    /** Bytes from the port (the pump's thread; tests call it directly). */
    void receive(byte[] chunk, int length) {
        framer.accept(chunk, length);
    }

    private void onFrame(byte[] raw, String payload) {
        Instant at = clock.instant();
        RawRead read;
        try {
            read = RawRead.parse(payload, at, tags, gps.latest());
        } catch (IllegalArgumentException e) {
            refuse(raw, e.getMessage());
            return;
        }
        List<Reading> emitted;
        synchronized (this) {
            emitted = emit(merger.offer(read));
        }
        emitted.forEach(this::tellListener);
    }

    private void closeDueLifts() {
        List<Reading> emitted;
        synchronized (this) {
            emitted = emit(merger.due(clock.instant()));
        }
        emitted.forEach(this::tellListener);
    }

    /** Numbers and queues closed lifts; guarded by {@code this}. */
    private List<Reading> emit(List<LiftMerger.Lift> closed) {
        List<Reading> out = new ArrayList<>(closed.size());
        for (LiftMerger.Lift lift : closed) {
            Reading r = toReading(lift, ++truckSeq);
            keep(truckSeq);
            out.add(r);
            lifts.incrementAndGet();
            queued.addLast(r);
            while (queued.size() > MAX_QUEUED) {
                Reading lost = queued.removeFirst();
                long dropped = droppedLifts.incrementAndGet();
                LOG.warn("device {}: lift truckSeq {} dropped ({} so far): no poll took the last {} lifts", deviceId,
                        lost.attrs().get("truckSeq"), dropped, MAX_QUEUED);
            }
        }
        return out;
    }

    /** Before the lift leaves the driver: after a crash the next number follows, a lost lift shows as a gap. */
    private void keep(long seq) {
        if (liftCounter.isEmpty()) return;
        try {
            liftCounter.get().write(seq);
        } catch (DeviceException e) {
            LOG.warn("{}; the lift is kept, its number may repeat after a restart", e.getMessage());
        }
    }

    private void tellListener(Reading lift) {
        try {
            liftListener.accept(lift);
        } catch (RuntimeException e) {
            LOG.warn("device {}: lift listener failed on truckSeq {}", deviceId, lift.attrs().get("truckSeq"), e);
        }
    }

    Reading toReading(LiftMerger.Lift lift, long seq) {
        RawRead first = lift.first();
        Map<String, String> attrs = new LinkedHashMap<>();
        first.tag().ifPresent(t -> attrs.put("tag", t));
        attrs.put("status", first.status().name());
        attrs.put("side", first.side().name());
        attrs.put("truck", truck);
        attrs.put("truckSeq", Long.toString(seq));
        attrs.put("reads", Integer.toString(lift.reads()));
        String fix = "NONE";
        if (first.fix().isPresent()) {
            Fix f = first.fix().get();
            attrs.put("lat", String.format(Locale.ROOT, "%.6f", f.lat()));
            attrs.put("lon", String.format(Locale.ROOT, "%.6f", f.lon()));
            f.hdop().ifPresent(h -> attrs.put("hdop", String.format(Locale.ROOT, "%.1f", Math.min(h, 99.9))));
            boolean stale = Duration.between(f.at(), first.at()).compareTo(fixStaleAfter) > 0;
            fix = stale ? "STALE" : f.quality() == 2 ? "DGPS" : "GPS";
        }
        attrs.put("fix", fix);
        double net = 0;
        RawRead.Weighing weighing = RawRead.Weighing.NONE;
        if (lift.weighed().isPresent()) {
            RawRead w = lift.weighed().get();
            double gross = w.gross().orElseThrow();
            double tare = w.tare().orElseThrow();
            attrs.put("gross", String.format(Locale.ROOT, "%.1f", gross));
            attrs.put("tare", String.format(Locale.ROOT, "%.1f", tare));
            net = Math.round((gross - tare) * 10) / 10.0;
            weighing = w.weighing();
        }
        attrs.put("weighing", weighing.name());
        lift.stream().ifPresent(s -> attrs.put("stream", s));
        return new Reading(0, deviceId, EVENT, first.at(), net, UNIT, Quality.GOOD, attrs);
    }

    private void refuse(byte[] raw, String reason) {
        long n = corruptFrames.incrementAndGet();
        if (n == 1 || n % 100 == 0) {
            LOG.warn("device {}: corrupt frame refused ({} so far): {}", deviceId, n, reason);
        } else {
            LOG.debug("device {}: corrupt frame refused ({} so far): {}", deviceId, n, reason);
        }
        try {
            corruptSink.accept(new CorruptFrame(deviceId, clock.instant(), raw, reason));
        } catch (RuntimeException e) {
            LOG.warn("device {}: corrupt-frame sink failed", deviceId, e);
        }
    }

    /** Frames refused since the start. */
    public long corruptFrames() {
        return corruptFrames.get();
    }

    /** Lifts dropped because polls stopped taking them. */
    public long droppedLifts() {
        return droppedLifts.get();
    }

    /** Lifts closed since the start (reported or dropped). */
    public long lifts() {
        return lifts.get();
    }

    @Override
    public List<Reading> drainOnStop() {
        pump.close();
        List<Reading> out;
        List<Reading> closing;
        synchronized (this) {
            // The lifts still in their window are complete as far as this stop goes: no more reads come.
            closing = emit(merger.drain());
            out = new ArrayList<>(queued);
            queued.clear();
        }
        closing.forEach(this::tellListener);
        if (!out.isEmpty()) LOG.info("device {}: {} lifts handed over at stop", deviceId, out.size());
        return out;
    }

    @Override
    public void close() {
        pump.close();
        int pending;
        synchronized (this) {
            pending = merger.drain().size() + queued.size();
            queued.clear();
        }
        if (pending > 0) {
            LOG.warn("device {}: closed with {} lifts not yet polled (in their window or queued)", deviceId, pending);
        }
    }
}
