package fr.beffroi.edge.buffer;

import fr.beffroi.edge.driver.CorruptFrame;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.prometheus.metrics.model.snapshots.CounterSnapshot;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

import static org.assertj.core.api.Assertions.assertThat;

class CorruptFrameStoreTest {
    private static final Instant T0 = Instant.parse("2026-11-25T08:00:00Z");
    private static final Clock CLOCK = Clock.fixed(T0, ZoneOffset.UTC);

    @TempDir
    Path dir;

    @Test
    void keepsFramesRawWithTheirReasonAcrossAReopen() {
        Path file = dir.resolve("buffer.db");
        try (CorruptFrameStore store = CorruptFrameStore.open(file, 100, Duration.ofSeconds(10), CLOCK,
                new PrometheusRegistry())) {
            store.accept(new CorruptFrame("rfid-1", T0, new byte[]{2, 'A', 'B', 3}, "checksum 41, computed 42"));
        }
        try (CorruptFrameStore store = CorruptFrameStore.open(file, 100, Duration.ofSeconds(10), CLOCK,
                new PrometheusRegistry())) {
            assertThat(store.size()).isEqualTo(1);
            CorruptFrame kept = store.recent(10).get(0);
            assertThat(kept.device()).isEqualTo("rfid-1");
            assertThat(kept.reason()).isEqualTo("checksum 41, computed 42");
            assertThat(kept.rawHex()).isEqualTo("02414203");
            assertThat(kept.at()).isEqualTo(T0);
        }
    }

    @Test
    void countsPerDeviceAndPrunesTheOldestBeyondItsBound() {
        PrometheusRegistry registry = new PrometheusRegistry();
        try (CorruptFrameStore store = CorruptFrameStore.open(dir.resolve("b.db"), 3, Duration.ofSeconds(10), CLOCK,
                registry)) {
            for (int i = 0; i < 5; i++) {
                store.accept(new CorruptFrame("rfid-1", T0, new byte[]{(byte) i}, "frame " + i));
            }
            store.accept(new CorruptFrame("badge-2", T0, new byte[]{9}, "no ETX"));

            assertThat(store.size()).isEqualTo(3);
            assertThat(store.recent(10)).extracting(CorruptFrame::reason).containsExactly("no ETX", "frame 4", "frame 3");
            assertThat(count(registry, "rfid-1")).isEqualTo(5);
            assertThat(count(registry, "badge-2")).isEqualTo(1);
        }
    }

    private static double count(PrometheusRegistry registry, String device) {
        return registry.scrape().stream()
                .filter(s -> s.getMetadata().getName().equals("beffroi_edge_corrupt_frames"))
                .flatMap(s -> ((CounterSnapshot) s).getDataPoints().stream())
                .filter(d -> d.getLabels().get("device").equals(device))
                .mapToDouble(CounterSnapshot.CounterDataPointSnapshot::getValue).sum();
    }
}
