package fr.beffroi.ingest.rule;

import fr.beffroi.ingest.metrics.IngestMetrics;
import fr.beffroi.profiles.wire.Reading;
import fr.beffroi.rules.eval.RuleEngine;
import fr.beffroi.rules.model.Booking;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * One tenant's engine on its own thread (the engine is not thread-safe): every call is queued to
 * that thread, and after each one the next tick is scheduled at the engine's next due instant,
 * or after {@code tickPeriod} at the latest (so a leaping test clock, a missed timer or a cron
 * edge are never late by more than that).
 */
public final class TenantRules implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(TenantRules.class);

    private final String tenant;
    private final RuleEngine engine;
    private final Clock clock;
    private final Duration tickPeriod;
    private final IngestMetrics metrics;
    private final ScheduledExecutorService thread;
    private ScheduledFuture<?> nextTick;

    public TenantRules(String tenant, RuleEngine engine, Clock clock, Duration tickPeriod, IngestMetrics metrics) {
        this.tenant = tenant;
        this.engine = engine;
        this.clock = clock;
        this.tickPeriod = tickPeriod;
        this.metrics = metrics;
        this.thread = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "rules-" + tenant);
            t.setDaemon(true);
            return t;
        });
    }

    public String tenant() {
        return tenant;
    }

    /**
     * Restores the saved states, then tells the engine the bookings not yet ended, then ticks; blocks
     * until done so that no reading reaches an engine that has not restored.
     */
    public void start(List<Booking> bookings) throws Exception {
        thread.submit(() -> {
            engine.restore();
            for (Booking b : bookings) engine.onBooking(b);
            engine.tick();
            reschedule();
            return null;
        }).get(30, TimeUnit.SECONDS);
        LOG.info("tenant {}: {} cloud rules running, {} bookings known", tenant, engine.rules().rules().size(),
                bookings.size());
    }

    /** Readings of a committed batch, in their order. */
    public void readings(List<Reading> readings) {
        long queued = System.nanoTime();
        run("readings", () -> {
            metrics.ruleLag(System.nanoTime() - queued);
            for (Reading r : readings) engine.onReading(r);
        });
    }

    public void booked(Booking booking) {
        long queued = System.nanoTime();
        run("booking " + booking.id(), () -> {
            metrics.ruleLag(System.nanoTime() - queued);
            engine.onBooking(booking);
        });
    }

    public void cancelled(String bookingId) {
        run("cancellation of booking " + bookingId, () -> engine.onBookingCancelled(bookingId));
    }

    /** Processes what is due now (tests with a leaping clock call it rather than wait for the tick). */
    public void tick() {
        run("tick", engine::tick);
    }

    private void run(String what, Runnable task) {
        try {
            thread.execute(() -> {
                try {
                    task.run();
                } catch (RuntimeException e) {
                    LOG.warn("tenant {}: rules failed on {}: {}", tenant, what, e.toString(), e);
                }
                reschedule();
            });
        } catch (java.util.concurrent.RejectedExecutionException e) {
            LOG.debug("tenant {}: rules stopped, {} dropped", tenant, what);
        }
    }

    /** On the engine thread. */
    private void reschedule() {
        if (nextTick != null) nextTick.cancel(false);
        long delay = tickPeriod.toMillis();
        Instant due = engine.nextDue().orElse(null);
        if (due != null) {
            delay = Math.max(0, Math.min(delay, Duration.between(clock.instant(), due).toMillis()));
        }
        try {
            nextTick = thread.schedule(() -> {
                try {
                    engine.tick();
                } catch (RuntimeException e) {
                    LOG.warn("tenant {}: rules tick failed: {}", tenant, e.toString(), e);
                }
                reschedule();
            }, delay, TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.RejectedExecutionException e) {
            // closing
        }
    }

    @Override
    public void close() {
        thread.shutdownNow();
        try {
            if (!thread.awaitTermination(5, TimeUnit.SECONDS)) {
                LOG.warn("tenant {}: rules thread did not stop within 5 s", tenant);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
