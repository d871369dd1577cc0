package fr.beffroi.rules.eval;

import fr.beffroi.rules.model.Aggregate;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Iterator;
import java.util.OptionalDouble;

/**
 * The readings of one windowed input that are still inside its window: samples older than the
 * window are dropped as new ones arrive and as time passes, so memory follows the window and the
 * reading rate, nothing else.
 */
final class InputWindow {
    private record Sample(Instant ts, double value) {
    }

    private final Aggregate aggregate;
    private final Duration window;
    private final ArrayDeque<Sample> samples = new ArrayDeque<>();

    InputWindow(Aggregate aggregate, Duration window) {
        this.aggregate = aggregate;
        this.window = window;
    }

    void add(Instant ts, double value, Instant now) {
        // readings mostly come in order; a late one is inserted where it belongs so eviction stays a head scan
        if (samples.isEmpty() || !ts.isBefore(samples.peekLast().ts())) {
            samples.addLast(new Sample(ts, value));
        } else {
            ArrayDeque<Sample> tail = new ArrayDeque<>();
            while (!samples.isEmpty() && ts.isBefore(samples.peekLast().ts())) {
                tail.addFirst(samples.pollLast());
            }
            samples.addLast(new Sample(ts, value));
            samples.addAll(tail);
        }
        evict(now);
    }

    /** The aggregate over (now - window, now]; empty when no sample is left, except COUNT (0). */
    OptionalDouble value(Instant now) {
        evict(now);
        if (aggregate == Aggregate.COUNT) return OptionalDouble.of(samples.size());
        if (samples.isEmpty()) return OptionalDouble.empty();
        double acc = aggregate == Aggregate.MIN ? Double.POSITIVE_INFINITY
                : aggregate == Aggregate.MAX ? Double.NEGATIVE_INFINITY : 0;
        for (Iterator<Sample> it = samples.iterator(); it.hasNext(); ) {
            double v = it.next().value();
            acc = switch (aggregate) {
                case MIN -> Math.min(acc, v);
                case MAX -> Math.max(acc, v);
                default -> acc + v;
            };
        }
        return OptionalDouble.of(aggregate == Aggregate.AVG ? acc / samples.size() : acc);
    }

    int size() {
        return samples.size();
    }

    private void evict(Instant now) {
        Instant oldest = now.minus(window);
        while (!samples.isEmpty() && !samples.peekFirst().ts().isAfter(oldest)) {
            samples.pollFirst();
        }
    }
}
