package fr.beffroi.edge.poll;

import fr.beffroi.edge.testing.MutableClock;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;

/** A {@link DelayScheduler} on a {@link MutableClock}: {@link #advance} leaps time and runs what fell due, in order. */
final class ManualScheduler implements DelayScheduler {
    private record Task(Instant due, long order, Runnable task) {
    }

    private final MutableClock clock;
    private final PriorityQueue<Task> queue = new PriorityQueue<>(
            Comparator.comparing(Task::due).thenComparingLong(Task::order));
    private final List<Duration> delays = new ArrayList<>();
    private long order;

    ManualScheduler(MutableClock clock) {
        this.clock = clock;
    }

    @Override
    public void schedule(Duration delay, Runnable task) {
        delays.add(delay);
        queue.add(new Task(clock.instant().plus(delay), order++, task));
    }

    /** Runs every task due within {@code d}, setting the clock to each one's due time, then to the end. */
    void advance(Duration d) {
        Instant end = clock.instant().plus(d);
        while (!queue.isEmpty() && !queue.peek().due().isAfter(end)) {
            Task t = queue.poll();
            clock.set(t.due());
            t.task().run();
        }
        clock.set(end);
    }

    int pending() {
        return queue.size();
    }
}
