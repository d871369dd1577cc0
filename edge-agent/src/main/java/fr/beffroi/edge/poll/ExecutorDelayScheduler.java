package fr.beffroi.edge.poll;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A {@link DelayScheduler} on a thread pool with one thread per device: a driver stuck in a
 * blocking read holds only its own thread, so the other devices keep their schedule.
 */
public final class ExecutorDelayScheduler implements DelayScheduler, AutoCloseable {
    private final ScheduledExecutorService executor;

    public ExecutorDelayScheduler(int threads) {
        AtomicInteger n = new AtomicInteger();
        ThreadFactory factory = r -> {
            Thread t = new Thread(r, "poll-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
        this.executor = Executors.newScheduledThreadPool(Math.max(1, threads), factory);
    }

    @Override
    public void schedule(Duration delay, Runnable task) {
        try {
            executor.schedule(task, Math.max(0, delay.toMillis()), TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            // Closed: the agent is stopping and the device's next poll is not wanted.
        }
    }

    @Override
    public void close() {
        executor.shutdownNow();
        try {
            executor.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
