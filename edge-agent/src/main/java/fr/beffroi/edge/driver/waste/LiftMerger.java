package fr.beffroi.edge.driver.waste;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Merges the raw reads of one bin into one lift. A reader reads a tag several times while the bin
 * goes up; reads of the same tag within {@code window} of its first read are one lift. Reads without
 * a tag (NO_TAG) merge per lifter side. Both lifters may work at once, so several lifts can be open
 * together. A lift closes when its window has passed ({@link #due}); lifts come out in the order of
 * their first read. Pure and clock-free: the caller says what time it is. Not thread-safe.
 */
final class LiftMerger {

    /**
     * A closed lift.
     *
     * @param first   its first read: time, tag, status, side and GPS fix of the lift
     * @param weighed the read whose weights stand for the lift (a STABLE one before a DYNAMIC one),
     *                or empty when none weighed
     * @param stream  the first stream a read stated
     * @param reads   how many raw reads were merged
     */
    record Lift(RawRead first, Optional<RawRead> weighed, Optional<String> stream, int reads) {
        Lift {
            Objects.requireNonNull(first, "first");
            Objects.requireNonNull(weighed, "weighed");
            Objects.requireNonNull(stream, "stream");
        }
    }

    private final Duration window;
    private final Map<String, Lift> open = new LinkedHashMap<>();

    LiftMerger(Duration window) {
        if (window.isNegative() || window.isZero()) {
            throw new IllegalArgumentException("lift window must be positive, got " + window);
        }
        this.window = window;
    }

    /** Takes a read; returns the lifts whose window had passed by the read's time. */
    List<Lift> offer(RawRead read) {
        List<Lift> closed = due(read.at());
        String key = read.tag().map(t -> "tag:" + t).orElse("side:" + read.side());
        Lift lift = open.get(key);
        if (lift == null) {
            open.put(key, new Lift(read, read.weighing() == RawRead.Weighing.NONE ? Optional.empty() : Optional.of(read),
                    read.stream(), 1));
        } else {
            Optional<RawRead> weighed = lift.weighed();
            if (read.weighing() == RawRead.Weighing.STABLE
                    && weighed.map(w -> w.weighing() != RawRead.Weighing.STABLE).orElse(true)
                    || read.weighing() == RawRead.Weighing.DYNAMIC && weighed.isEmpty()) {
                weighed = Optional.of(read);
            }
            open.put(key, new Lift(lift.first(), weighed, lift.stream().or(read::stream), lift.reads() + 1));
        }
        return closed;
    }

    /** Closes the lifts whose window has passed at {@code now}. */
    List<Lift> due(Instant now) {
        List<Lift> closed = new ArrayList<>();
        for (Iterator<Lift> it = open.values().iterator(); it.hasNext(); ) {
            Lift lift = it.next();
            if (!now.isBefore(lift.first().at().plus(window))) {
                closed.add(lift);
                it.remove();
            }
        }
        return closed;
    }

    /** Closes every open lift (the driver stops). */
    List<Lift> drain() {
        List<Lift> all = new ArrayList<>(open.values());
        open.clear();
        return all;
    }

    int open() {
        return open.size();
    }
}
