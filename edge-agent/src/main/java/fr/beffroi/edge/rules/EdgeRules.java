package fr.beffroi.edge.rules;

import fr.beffroi.edge.poll.ReadingListener;
import fr.beffroi.profiles.wire.Reading;
import fr.beffroi.rules.eval.RuleEngine;
import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs the gateway's {@link RuleEngine} on its own single thread (the engine is not thread-safe):
 * each poll's stored readings are handed here ({@link ReadingListener}) and fed in order, and the
 * engine is ticked at its {@code nextDue()} and at least every second. Its actions run on this
 * thread too (a device write is short and must not race the next evaluation).
 */
public final class EdgeRules implements ReadingListener, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(EdgeRules.class);
    /** Ticks at least this often: cron, sun and time-of-day conditions need no reading to move. */
    static final Duration MAX_TICK = Duration.ofSeconds(1);
    /** Poll batches waiting for the engine beyond which new ones are refused (counted and logged). */
    static final int MAX_PENDING = 10_000;

    private final String gateway;
    private final RuleEngine engine;
    private final Clock clock;
    private final ScheduledExecutorService thread;
    private final AtomicInteger pending = new AtomicInteger();
    private final Counter dropped;

    public EdgeRules(String gateway, RuleEngine engine, Clock clock, PrometheusRegistry registry) {
        this.gateway = Objects.requireNonNull(gateway, "gateway");
        this.engine = Objects.requireNonNull(engine, "engine");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.dropped = Counter.builder().name("beffroi_edge_rule_readings_dropped")
                .help("Readings not fed to the edge rules because the rules' queue was full").register(registry);
        ScheduledThreadPoolExecutor t = new ScheduledThreadPoolExecutor(1, r -> {
            Thread th = new Thread(r, "rules-" + gateway);
            th.setDaemon(true);
            return th;
        });
        t.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
        this.thread = t;
    }

    /** Restores the rules' saved state, then starts ticking. */
    public void start() {
        thread.execute(() -> {
            engine.restore();
            LOG.info("gateway {}: {} edge rules running, state restored", gateway, engine.rules().rules().size());
        });
        thread.execute(this::tick);
    }

    @Override
    public void stored(List<Reading> readings) {
        if (pending.incrementAndGet() > MAX_PENDING) {
            pending.decrementAndGet();
            dropped.inc(readings.size());
            LOG.error("gateway {}: edge rules {} batches behind, {} readings of device {} not evaluated", gateway,
                    MAX_PENDING, readings.size(), readings.get(0).device());
            return;
        }
        try {
            thread.execute(() -> {
                pending.decrementAndGet();
                for (Reading r : readings) {
                    try {
                        engine.onReading(r);
                    } catch (RuntimeException e) {
                        LOG.error("gateway {}: edge rules failed on reading {}/{}", gateway, r.device(), r.point(), e);
                    }
                }
            });
        } catch (RejectedExecutionException e) {
            pending.decrementAndGet();
            LOG.info("gateway {}: edge rules stopping, {} readings of device {} not evaluated", gateway,
                    readings.size(), readings.get(0).device());
        }
    }

    private void tick() {
        try {
            engine.tick();
        } catch (RuntimeException e) {
            LOG.error("gateway {}: edge rules tick failed", gateway, e);
        }
        Instant now = clock.instant();
        Duration wait = engine.nextDue().map(d -> Duration.between(now, d)).filter(d -> d.compareTo(MAX_TICK) < 0)
                .orElse(MAX_TICK);
        if (wait.isNegative()) wait = Duration.ZERO;
        try {
            thread.schedule(this::tick, wait.toMillis(), TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            // Stopping.
        }
    }

    /** Lets the evaluation in progress finish, then stops; readings still queued are not evaluated. */
    @Override
    public void close() {
        thread.shutdown();
        try {
            if (!thread.awaitTermination(10, TimeUnit.SECONDS)) thread.shutdownNow();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
