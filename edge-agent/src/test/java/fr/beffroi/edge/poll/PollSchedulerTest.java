package fr.beffroi.edge.poll;

import fr.beffroi.edge.buffer.ReadingBuffer;
import fr.beffroi.edge.buffer.WhenFull;
import fr.beffroi.edge.driver.DeviceDriver;
import fr.beffroi.edge.driver.DeviceException;
import fr.beffroi.edge.health.DeviceHealth;
import fr.beffroi.edge.health.DeviceStatus;
import fr.beffroi.edge.health.HealthBoard;
import fr.beffroi.edge.testing.Metrics;
import fr.beffroi.edge.testing.MutableClock;
import fr.beffroi.edge.testing.Readings;
import fr.beffroi.profiles.wire.Quality;
import fr.beffroi.profiles.wire.Reading;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class PollSchedulerTest {
    static final Instant T0 = Instant.parse("2026-01-15T08:00:00Z");

    @TempDir
    Path dir;
    MutableClock clock = new MutableClock(T0);
    ManualScheduler timer = new ManualScheduler(clock);
    PrometheusRegistry registry = new PrometheusRegistry();
    HealthBoard health = new HealthBoard();
    ReadingBuffer buffer;
    PollScheduler scheduler;

    @AfterEach
    void close() {
        if (scheduler != null) scheduler.close();
        if (buffer != null) buffer.close();
    }

    /** A driver whose answers the test scripts: readings, or a failure while {@code failing}. */
    class FakeDriver implements DeviceDriver {
        final String id;
        final List<Instant> polledAt = new ArrayList<>();
        DeviceException failing;
        boolean closed;

        FakeDriver(String id) {
            this.id = id;
        }

        @Override
        public String deviceId() {
            return id;
        }

        @Override
        public List<Reading> poll() throws DeviceException {
            polledAt.add(clock.instant());
            if (failing != null) throw failing;
            return Readings.of(id, 2, clock.instant());
        }

        @Override
        public void close() {
            closed = true;
        }
    }

    PollScheduler start(PolledDevice... devices) {
        buffer = ReadingBuffer.open(dir.resolve("buffer.db"), 10_000, WhenFull.REFUSE_NEW, clock, registry);
        scheduler = new PollScheduler(List.of(devices), buffer, health, timer, clock, PollBackoff.DEFAULT, registry);
        scheduler.start();
        return scheduler;
    }

    @Test
    void theListenerHearsWhatTheBufferStoredAndNothingWhenItIsFull() {
        List<List<Reading>> heard = new ArrayList<>();
        FakeDriver dev = new FakeDriver("dev");
        buffer = ReadingBuffer.open(dir.resolve("buffer.db"), 5, WhenFull.REFUSE_NEW, clock, registry);
        scheduler = new PollScheduler(List.of(new PolledDevice(dev, Duration.ofSeconds(10))), buffer, health, timer,
                clock, PollBackoff.DEFAULT, registry, readings -> {
                    heard.add(readings);
                    throw new IllegalStateException("a listener bug must not stop polling");
                });
        scheduler.start();

        timer.advance(Duration.ofSeconds(30)); // 4 polls of 2 readings; the buffer holds 5

        assertThat(heard).hasSize(2).allSatisfy(r -> assertThat(r).extracting(Reading::device).containsOnly("dev"));
        assertThat(dev.polledAt).hasSize(4);
        assertThat(scheduler.pollCount("dev", PollScheduler.BUFFER_FULL)).isEqualTo(2);
    }

    @Test
    void pollsEachDeviceAtItsOwnIntervalAndBuffersItsReadings() {
        FakeDriver fast = new FakeDriver("fast");
        FakeDriver slow = new FakeDriver("slow");
        start(new PolledDevice(fast, Duration.ofSeconds(5)), new PolledDevice(slow, Duration.ofSeconds(30)));

        timer.advance(Duration.ofSeconds(60));

        assertThat(fast.polledAt).hasSize(13).first().isEqualTo(T0);
        assertThat(fast.polledAt.get(1)).isEqualTo(T0.plusSeconds(5));
        assertThat(slow.polledAt).containsExactly(T0, T0.plusSeconds(30), T0.plusSeconds(60));
        assertThat(buffer.size()).isEqualTo((13 + 3) * 2);
        assertThat(health.get("fast").orElseThrow().status()).isEqualTo(DeviceStatus.ONLINE);
        assertThat(Metrics.value(registry, "beffroi_edge_polls", "device", "slow", "outcome", "ok")).isEqualTo(3);
    }

    @Test
    void backsOffAFailingDeviceExponentiallyUpToTheCapWhileTheOthersKeepFlowing() {
        FakeDriver dead = new FakeDriver("dead");
        dead.failing = new DeviceException(DeviceException.Kind.UNREACHABLE, "connect timed out");
        FakeDriver alive = new FakeDriver("alive");
        start(new PolledDevice(dead, Duration.ofSeconds(1)), new PolledDevice(alive, Duration.ofSeconds(1)));

        timer.advance(Duration.ofMinutes(30));

        // 1, 2, 4 ... 256 s, then capped at 5 min.
        List<Long> gaps = new ArrayList<>();
        for (int i = 1; i < dead.polledAt.size(); i++) {
            gaps.add(Duration.between(dead.polledAt.get(i - 1), dead.polledAt.get(i)).toSeconds());
        }
        assertThat(gaps).startsWith(1L, 2L, 4L, 8L, 16L, 32L, 64L, 128L, 256L, 300L);
        assertThat(gaps.subList(9, gaps.size())).allMatch(g -> g == 300L);
        assertThat(alive.polledAt).hasSize(30 * 60 + 1);
        assertThat(buffer.size()).isEqualTo((30 * 60 + 1) * 2);

        DeviceHealth h = health.get("dead").orElseThrow();
        assertThat(h.status()).isEqualTo(DeviceStatus.OFFLINE);
        assertThat(h.kind()).isEqualTo(DeviceException.Kind.UNREACHABLE);
        assertThat(h.reason()).isEqualTo("connect timed out");
        assertThat(h.lastSuccess()).isNull();
        assertThat(h.consecutiveFailures()).isEqualTo(dead.polledAt.size());
        assertThat(Metrics.value(registry, "beffroi_edge_polls", "device", "dead", "outcome", "unreachable"))
                .isEqualTo(dead.polledAt.size());
    }

    @Test
    void neverPollsAFailingDeviceMoreOftenThanItsInterval() {
        FakeDriver dead = new FakeDriver("dead");
        dead.failing = new DeviceException(DeviceException.Kind.PROTOCOL, "bad SunS marker");
        start(new PolledDevice(dead, Duration.ofSeconds(10)));

        timer.advance(Duration.ofSeconds(60));

        // Backoff 1, 2, 4, 8 s is shorter than the interval; 16 s is not.
        assertThat(dead.polledAt).containsExactly(T0, T0.plusSeconds(10), T0.plusSeconds(20), T0.plusSeconds(30),
                T0.plusSeconds(40), T0.plusSeconds(56));
    }

    @Test
    void aRecoveredDeviceIsOnlineAgainWithItsFailuresReset() {
        FakeDriver flaky = new FakeDriver("flaky");
        flaky.failing = new DeviceException(DeviceException.Kind.UNREACHABLE, "no route");
        start(new PolledDevice(flaky, Duration.ofSeconds(1)));
        timer.advance(Duration.ofMillis(2500));
        assertThat(health.get("flaky").orElseThrow().consecutiveFailures()).isEqualTo(2);

        flaky.failing = null;
        timer.advance(Duration.ofMillis(4500));

        DeviceHealth h = health.get("flaky").orElseThrow();
        assertThat(h.status()).isEqualTo(DeviceStatus.ONLINE);
        assertThat(h.consecutiveFailures()).isZero();
        assertThat(h.lastSuccess()).isEqualTo(T0.plusSeconds(7));
        assertThat(flaky.polledAt).containsExactly(T0, T0.plusSeconds(1), T0.plusSeconds(3), T0.plusSeconds(4),
                T0.plusSeconds(5), T0.plusSeconds(6), T0.plusSeconds(7));
    }

    @Test
    void aDriverBugIsCountedAsAProtocolFaultAndDoesNotEndTheSchedule() {
        DeviceDriver buggy = new FakeDriver("buggy") {
            @Override
            public List<Reading> poll() {
                polledAt.add(clock.instant());
                throw new IllegalStateException("index out of range");
            }
        };
        start(new PolledDevice(buggy, Duration.ofSeconds(1)));

        timer.advance(Duration.ofSeconds(10));

        assertThat(health.get("buggy").orElseThrow().kind()).isEqualTo(DeviceException.Kind.PROTOCOL);
        assertThat(timer.pending()).isEqualTo(1);
    }

    @Test
    void keepsANonFiniteValueAsABadReadingAndCountsIt() {
        DeviceDriver nan = new FakeDriver("nan") {
            @Override
            public List<Reading> poll() {
                return List.of(new Reading(0, "nan", "W", clock.instant(), Double.NaN, "W", Quality.BAD),
                        new Reading(0, "nan", "Hz", clock.instant(), 50.0, "Hz", Quality.GOOD));
            }
        };
        start(new PolledDevice(nan, Duration.ofSeconds(1)));

        timer.advance(Duration.ZERO);

        assertThat(buffer.peek(0, 10)).extracting(Reading::point, Reading::value, Reading::quality).containsExactly(
                org.assertj.core.groups.Tuple.tuple("W", 0.0, Quality.BAD),
                org.assertj.core.groups.Tuple.tuple("Hz", 50.0, Quality.GOOD));
        assertThat(Metrics.value(registry, "beffroi_edge_poll_non_finite_readings", "device", "nan")).isEqualTo(1.0);
    }

    @Test
    void closeStopsPollingAndClosesTheDrivers() {
        FakeDriver d = new FakeDriver("d");
        start(new PolledDevice(d, Duration.ofSeconds(1)));
        timer.advance(Duration.ofSeconds(2));

        scheduler.close();
        timer.advance(Duration.ofSeconds(10));

        assertThat(d.polledAt).hasSize(3);
        assertThat(d.closed).isTrue();
    }
}
