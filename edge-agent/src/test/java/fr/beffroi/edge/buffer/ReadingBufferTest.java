package fr.beffroi.edge.buffer;

import fr.beffroi.edge.testing.Metrics;
import fr.beffroi.edge.testing.MutableClock;
import fr.beffroi.edge.testing.Readings;
import fr.beffroi.profiles.wire.Quality;
import fr.beffroi.profiles.wire.Reading;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ReadingBufferTest {
    static final Instant T0 = Instant.parse("2026-06-21T10:00:00Z");

    @TempDir
    Path dir;
    MutableClock clock = new MutableClock(T0);
    PrometheusRegistry registry;
    ReadingBuffer buffer;

    @BeforeEach
    void open() {
        buffer = openBuffer(1_000);
    }

    @AfterEach
    void close() {
        buffer.close();
    }

    ReadingBuffer openBuffer(long max) {
        registry = new PrometheusRegistry();
        return ReadingBuffer.open(dir.resolve("buffer.db"), max, WhenFull.REFUSE_NEW, clock, registry);
    }

    @Test
    void assignsIncreasingSeqsAndReturnsReadingsAsStored() {
        Reading exact = new Reading(0, "inv1", "WH", Instant.parse("2026-06-21T10:00:00.123456789Z"), 12345.678,
                "W.h", Quality.UNCERTAIN);

        AppendResult first = buffer.append(Readings.of("inv1", 3, T0));
        AppendResult second = buffer.append(List.of(exact));

        assertThat(first.seqs()).containsExactly(1L, 2L, 3L);
        assertThat(second.seqs()).containsExactly(4L);
        assertThat(buffer.peek(0, 10)).extracting(Reading::seq).containsExactly(1L, 2L, 3L, 4L);
        assertThat(buffer.peek(3, 10)).containsExactly(exact.withSeq(4));
        assertThat(buffer.peek(1, 2)).extracting(Reading::seq).containsExactly(2L, 3L);
        assertThat(buffer.size()).isEqualTo(4);
        assertThat(buffer.highestSeq()).isEqualTo(4);
    }

    @Test
    void readsBackEveryTextAndValueExactlyAsAppended() {
        // peek reads text as UTF-8 bytes and checks for NULL only on 0.0: the edges of both.
        List<Reading> odd = List.of(
                new Reading(0, "chaufferie-école", "T°", T0, 0.0, "°C", Quality.GOOD),
                new Reading(0, "pompe 🚰", "", T0.plusNanos(1), 0.0, "", Quality.BAD),
                new Reading(0, "d", "p", T0.plusMillis(2), Double.NaN, "1", Quality.UNCERTAIN),
                new Reading(0, "tab\tand\nnewline", "\u0001", T0.plusSeconds(3), -1.5e-300, "W.h", Quality.GOOD));

        buffer.append(odd);

        List<Reading> back = buffer.peek(0, 10);
        assertThat(back).hasSize(odd.size());
        for (int i = 0; i < odd.size(); i++) {
            assertThat(back.get(i)).isEqualTo(odd.get(i).withSeq(i + 1));
        }
    }

    @Test
    void neverReusesASeqEvenAfterEverythingWasConfirmedAndTheFileReopened() {
        buffer.append(Readings.of("inv1", 3, T0));
        buffer.confirm(1, 3);
        buffer.close();

        buffer = openBuffer(1_000);
        AppendResult next = buffer.append(Readings.of("inv1", 1, T0));

        assertThat(buffer.size()).isEqualTo(1);
        assertThat(buffer.highestSeq()).isEqualTo(4);
        assertThat(next.seqs()).containsExactly(4L);
    }

    @Test
    void keepsUnconfirmedReadingsAcrossReopen() {
        buffer.append(Readings.of("inv1", 5, T0));
        buffer.close();

        buffer = openBuffer(1_000);

        assertThat(buffer.size()).isEqualTo(5);
        assertThat(buffer.peek(0, 10)).extracting(Reading::seq).containsExactly(1L, 2L, 3L, 4L, 5L);
    }

    @Test
    void confirmDeletesOnlyTheGivenRange() {
        buffer.append(Readings.of("inv1", 6, T0));

        int deleted = buffer.confirm(2, 4);

        assertThat(deleted).isEqualTo(3);
        assertThat(buffer.peek(0, 10)).extracting(Reading::seq).containsExactly(1L, 5L, 6L);
        assertThat(buffer.confirm(2, 4)).as("a repeated ack deletes nothing more").isZero();
        assertThat(buffer.confirmedTotal()).isEqualTo(3);
        assertThat(Metrics.value(registry, "beffroi_edge_buffer_confirmed")).isEqualTo(3);
        assertThat(Metrics.value(registry, "beffroi_edge_buffer_rows")).isEqualTo(3);
    }

    @Test
    void deadLetterMovesTheRangeAndKeepsTheRowsWithTheReason() {
        List<Reading> readings = Readings.of("inv1", 4, T0);
        buffer.append(readings);
        clock.advance(java.time.Duration.ofMinutes(1));

        int moved = buffer.deadLetter(2, 3, "readings[0].value: not a finite number");

        assertThat(moved).isEqualTo(2);
        assertThat(buffer.peek(0, 10)).extracting(Reading::seq).containsExactly(1L, 4L);
        assertThat(buffer.deadLetterSize()).isEqualTo(2);
        assertThat(buffer.deadLetters(10)).containsExactly(
                new DeadLetter(readings.get(1).withSeq(2), "readings[0].value: not a finite number", clock.instant()),
                new DeadLetter(readings.get(2).withSeq(3), "readings[0].value: not a finite number", clock.instant()));
        assertThat(Metrics.value(registry, "beffroi_edge_buffer_dead_lettered")).isEqualTo(2);
    }

    @Test
    void whenFullRefusesNewReadingsKeepsTheOldOnesAndCountsTheRefused() {
        buffer.close();
        buffer = openBuffer(5);
        buffer.append(Readings.of("inv1", 4, T0));

        AppendResult refused = buffer.append(Readings.of("inv1", 2, T0));
        AppendResult stillRefused = buffer.append(Readings.of("inv1", 3, T0));
        AppendResult fits = buffer.append(Readings.of("inv1", 1, T0));

        assertThat(refused.seqs()).isEmpty();
        assertThat(refused.refused()).isEqualTo(2);
        assertThat(stillRefused.refused()).isEqualTo(3);
        assertThat(fits.seqs()).containsExactly(5L);
        assertThat(buffer.peek(0, 10)).extracting(Reading::seq).containsExactly(1L, 2L, 3L, 4L, 5L);
        assertThat(buffer.refusedTotal()).isEqualTo(5);
        assertThat(Metrics.value(registry, "beffroi_edge_buffer_refused")).isEqualTo(5);
        assertThat(Metrics.value(registry, "beffroi_edge_buffer_appended")).isEqualTo(5);
    }

    @Test
    void acceptsAgainOnceTheCloudConfirmedSpace() {
        buffer.close();
        buffer = openBuffer(2);
        buffer.append(Readings.of("inv1", 2, T0));
        assertThat(buffer.append(Readings.of("inv1", 1, T0)).refused()).isEqualTo(1);

        buffer.confirm(1, 1);

        assertThat(buffer.append(Readings.of("inv1", 1, T0)).seqs()).containsExactly(3L);
    }

    @Test
    void confirmSkipsItsOwnFsyncButAppendAndDeadLetterAreFullySynchronous() {
        assertThat(buffer.synchronousSetting()).isEqualTo(2);
        buffer.append(Readings.of("inv1", 4, T0));

        buffer.confirm(1, 2);
        assertThat(buffer.synchronousSetting()).isEqualTo(1);
        buffer.append(Readings.of("inv1", 1, T0));
        assertThat(buffer.synchronousSetting()).isEqualTo(2);

        buffer.confirm(3, 3);
        buffer.deadLetter(4, 4, "refused");
        assertThat(buffer.synchronousSetting()).isEqualTo(2);
        assertThat(buffer.peek(0, 10)).extracting(Reading::seq).containsExactly(5L);
        assertThat(buffer.deadLetterSize()).isEqualTo(1);
    }

    @Test
    void aConfirmedDeleteIsVisibleAtOnceAndAfterReopening() {
        buffer.append(Readings.of("inv1", 3, T0));
        buffer.confirm(1, 2);
        assertThat(buffer.size()).isEqualTo(1);

        buffer.close();
        buffer = openBuffer(1_000);

        assertThat(buffer.peek(0, 10)).extracting(Reading::seq).containsExactly(3L);
    }
}
