package fr.beffroi.edge.poll;

import fr.beffroi.edge.buffer.AppendResult;
import fr.beffroi.edge.buffer.ReadingBuffer;
import fr.beffroi.edge.driver.DeviceDriver;
import fr.beffroi.edge.driver.DeviceException;
import fr.beffroi.edge.health.DeviceHealth;
import fr.beffroi.edge.health.DeviceStatus;
import fr.beffroi.edge.health.HealthBoard;
import fr.beffroi.profiles.wire.Quality;
import fr.beffroi.profiles.wire.Reading;
import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * Polls every device on its own schedule. Each device is a self-rescheduling task: after a
 * success the next poll is due one interval after the previous due time (no drift, missed slots
 * skipped); after a {@link DeviceException} it waits per {@link PollBackoff}. Health goes to the
 * {@link HealthBoard}, every poll is counted by device and outcome, readings go to the buffer.
 */
public final class PollScheduler implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(PollScheduler.class);

    /** Poll outcomes, as counted in {@code beffroi_edge_polls_total{outcome=...}}. */
    public static final String OK = "ok";
    public static final String BUFFER_FULL = "buffer_full";
    public static final String BUFFER_ERROR = "buffer_error";

    private final List<Poller> pollers = new ArrayList<>();
    private final ReadingBuffer buffer;
    private final HealthBoard health;
    private final DelayScheduler timer;
    private final Clock clock;
    private final PollBackoff backoff;
    private final ReadingListener listener;
    private final Counter polls;
    private final Counter readingsCounter;
    private final Counter nonFiniteCounter;
    private volatile boolean stopped;

    public PollScheduler(List<PolledDevice> devices, ReadingBuffer buffer, HealthBoard health, DelayScheduler timer,
                         Clock clock, PollBackoff backoff, PrometheusRegistry registry) {
        this(devices, buffer, health, timer, clock, backoff, registry, ReadingListener.NONE);
    }

    /** @param listener told of the readings the buffer stored, right after each append */
    public PollScheduler(List<PolledDevice> devices, ReadingBuffer buffer, HealthBoard health, DelayScheduler timer,
                         Clock clock, PollBackoff backoff, PrometheusRegistry registry, ReadingListener listener) {
        this.listener = Objects.requireNonNull(listener, "listener");
        this.buffer = Objects.requireNonNull(buffer, "buffer");
        this.health = Objects.requireNonNull(health, "health");
        this.timer = Objects.requireNonNull(timer, "timer");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.backoff = Objects.requireNonNull(backoff, "backoff");
        this.polls = Counter.builder().name("beffroi_edge_polls")
                .help("Device polls by outcome: ok, unreachable, protocol, configuration, buffer_full, buffer_error")
                .labelNames("device", "outcome").register(registry);
        this.readingsCounter = Counter.builder().name("beffroi_edge_poll_readings")
                .help("Readings taken from devices").labelNames("device").register(registry);
        this.nonFiniteCounter = Counter.builder().name("beffroi_edge_poll_non_finite_readings")
                .help("Readings whose value was NaN or infinite, kept as BAD with value 0").labelNames("device")
                .register(registry);
        for (PolledDevice d : devices) {
            pollers.add(new Poller(d.driver(), d.interval()));
            health.update(DeviceHealth.unknown(d.driver().deviceId()));
        }
    }

    /** Schedules every device's first poll now. */
    public void start() {
        Instant now = clock.instant();
        for (Poller p : pollers) {
            p.due = now;
            timer.schedule(Duration.ZERO, p::run);
        }
        LOG.info("polling {} devices", pollers.size());
    }

    /** Stops scheduling polls and closes the drivers; a poll already running finishes on its own. */
    @Override
    public void close() {
        stopped = true;
        for (Poller p : pollers) {
            // What an event device reported since its last poll goes to the buffer before its driver closes.
            try {
                List<Reading> last = p.driver.drainOnStop();
                if (!last.isEmpty()) p.append(p.driver.deviceId(), last);
            } catch (RuntimeException e) {
                LOG.error("device {}: could not hand over its last events at stop", p.driver.deviceId(), e);
            }
            p.driver.close();
        }
    }

    /** The count of polls of one device with one outcome (for stats and tests). */
    public long pollCount(String deviceId, String outcome) {
        return (long) polls.labelValues(deviceId, outcome).get();
    }

    private final class Poller {
        private final DeviceDriver driver;
        private final Duration interval;
        private Instant due;

        Poller(DeviceDriver driver, Duration interval) {
            this.driver = driver;
            this.interval = interval;
        }

        void run() {
            if (stopped) return;
            String device = driver.deviceId();
            DeviceHealth before = health.get(device).orElse(DeviceHealth.unknown(device));
            List<Reading> readings;
            try {
                readings = driver.poll();
            } catch (DeviceException e) {
                failed(before, e.getMessage(), e.kind(), e);
                return;
            } catch (RuntimeException e) {
                // A driver bug must not end the device's schedule: count it as a protocol fault.
                failed(before, "driver error: " + e, DeviceException.Kind.PROTOCOL, e);
                return;
            }
            Instant now = clock.instant();
            due = due.plus(interval);
            if (due.isBefore(now)) due = now;
            String outcome = append(device, readings);
            polls.labelValues(device, outcome).inc();
            health.update(before.online(now, due));
            if (before.status() == DeviceStatus.OFFLINE) {
                LOG.info("device {} back online after {} failed polls", device, before.consecutiveFailures());
            }
            reschedule(now);
        }

        private String append(String device, List<Reading> readings) {
            List<Reading> valid = new ArrayList<>(readings.size());
            int nonFinite = 0;
            for (Reading r : readings) {
                // JSON has no NaN and the cloud would refuse the whole batch for one: keep the reading, as
                // the decoders do for a point the device marks "not implemented" (BAD, value 0).
                if (Double.isFinite(r.value())) {
                    valid.add(r);
                } else {
                    nonFinite++;
                    valid.add(new Reading(r.seq(), r.device(), r.point(), r.ts(), 0.0, r.unit(), Quality.BAD, r.attrs()));
                }
            }
            if (nonFinite > 0) {
                nonFiniteCounter.labelValues(device).inc(nonFinite);
                LOG.debug("device {}: {} non-finite values kept as BAD", device, nonFinite);
            }
            readingsCounter.labelValues(device).inc(valid.size());
            try {
                AppendResult result = buffer.append(valid);
                tell(device, result.appended() == valid.size() ? valid : valid.subList(0, result.appended()));
                return result.refused() > 0 ? BUFFER_FULL : OK;
            } catch (RuntimeException e) {
                LOG.error("device {}: cannot store {} readings in the buffer", device, valid.size(), e);
                return BUFFER_ERROR;
            }
        }

        private void tell(String device, List<Reading> stored) {
            if (stored.isEmpty()) return;
            try {
                listener.stored(stored);
            } catch (RuntimeException e) {
                LOG.error("device {}: reading listener failed on {} readings", device, stored.size(), e);
            }
        }

        private void failed(DeviceHealth before, String reason, DeviceException.Kind kind, Exception e) {
            String device = driver.deviceId();
            Instant now = clock.instant();
            int failures = before.consecutiveFailures() + 1;
            Duration wait = backoff.delayAfter(failures, interval);
            due = now.plus(wait);
            polls.labelValues(device, kind.name().toLowerCase(Locale.ROOT)).inc();
            health.update(before.offline(reason, kind, due));
            if (before.status() != DeviceStatus.OFFLINE || !Objects.equals(before.reason(), reason)) {
                // Logged on change only: a dead device would otherwise fill the SD card.
                if (e instanceof DeviceException) {
                    LOG.warn("device {} offline ({}): {}; retrying in {}", device, kind, reason, wait);
                } else {
                    LOG.warn("device {} offline ({}): {}; retrying in {}", device, kind, reason, wait, e);
                }
            } else {
                LOG.debug("device {} still offline after {} failures; retrying in {}", device, failures, wait);
            }
            reschedule(now);
        }

        private void reschedule(Instant now) {
            if (stopped) return;
            timer.schedule(Duration.between(now, due), this::run);
        }
    }
}
