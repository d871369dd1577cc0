package fr.beffroi.edge.driver.camera;

import fr.beffroi.profiles.wire.Reading;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The last {@code capacity} lifts, by tag. The RFID reader's lift listener {@link #record}s each lift
 * event as it is read, the camera driver {@link #find}s them from its poll thread: thread-safe.
 * When full, the oldest lift is forgotten: size it for more than the lifts of one match window
 * (a truck lifts a bin every 15–120 s, so a few hundred is ample).
 */
public final class RecentLifts implements LiftIndex {

    private static final Logger LOG = LoggerFactory.getLogger(RecentLifts.class);
    /** The point name of a lift event (profile {@code waste/binlift-rfid}). */
    public static final String LIFT_POINT = "lift";
    private static final Pattern TAG = Pattern.compile("[0-9A-F]{16}");
    private static final Pattern SEQ = Pattern.compile("[0-9]{1,19}");

    private final int capacity;
    /** Guarded by {@code this}, as is {@code byTag}. */
    private final Deque<LiftRef> order = new ArrayDeque<>();
    private final Map<String, List<LiftRef>> byTag = new HashMap<>();

    public RecentLifts(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be positive, got " + capacity);
        }
        this.capacity = capacity;
    }

    /**
     * Remembers a lift event: a reading with point {@code lift}, its time as {@code ts}, attributes
     * {@code tag} (16 hex digits) and optionally {@code truckSeq}.
     *
     * @return false, and nothing remembered, when it is not a lift with a well-formed tag (a NO_TAG
     *         read has none: no verdict can be tied to it)
     */
    public boolean record(Reading liftEvent) {
        if (!LIFT_POINT.equals(liftEvent.point())) {
            return false;
        }
        String tag = liftEvent.attrs().get("tag");
        if (tag == null || !TAG.matcher(tag.toUpperCase(Locale.ROOT)).matches()) {
            LOG.debug("device {}: lift at {} without a usable tag ({}), not indexed", liftEvent.device(), liftEvent.ts(), tag);
            return false;
        }
        String seq = liftEvent.attrs().get("truckSeq");
        LiftRef lift = new LiftRef(tag.toUpperCase(Locale.ROOT), liftEvent.ts(),
                seq != null && SEQ.matcher(seq).matches() ? Optional.of(seq) : Optional.empty());
        synchronized (this) {
            order.addLast(lift);
            byTag.computeIfAbsent(lift.tag(), t -> new ArrayList<>(2)).add(lift);
            while (order.size() > capacity) {
                LiftRef old = order.removeFirst();
                List<LiftRef> same = byTag.get(old.tag());
                same.remove(old);
                if (same.isEmpty()) {
                    byTag.remove(old.tag());
                }
            }
        }
        return true;
    }

    @Override
    public synchronized Optional<LiftRef> find(String tag, Instant around, Duration window) {
        List<LiftRef> same = byTag.get(tag.toUpperCase(Locale.ROOT));
        if (same == null) {
            return Optional.empty();
        }
        LiftRef best = null;
        Duration bestGap = null;
        for (LiftRef lift : same) {
            Duration gap = Duration.between(lift.at(), around).abs();
            if (gap.compareTo(window) <= 0 && (bestGap == null || gap.compareTo(bestGap) < 0)) {
                best = lift;
                bestGap = gap;
            }
        }
        return Optional.ofNullable(best);
    }

    public synchronized int size() {
        return order.size();
    }
}
