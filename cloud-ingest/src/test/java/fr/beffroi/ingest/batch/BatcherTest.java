package fr.beffroi.ingest.batch;

import fr.beffroi.ingest.metrics.IngestMetrics;
import fr.beffroi.profiles.wire.BatchAck;
import fr.beffroi.profiles.wire.Quality;
import fr.beffroi.profiles.wire.Reading;
import fr.beffroi.profiles.wire.ReadingBatch;
import org.junit.jupiter.api.Test;

import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BatcherTest {
    private static final Instant TS = Instant.parse("2026-11-25T10:00:00Z");

    private static ReadingBatch batch(String gateway, long seq) {
        return new ReadingBatch("t", gateway, seq, seq, TS,
                List.of(new Reading(seq, "d", "W", TS, 1, "W", Quality.GOOD)));
    }

    @Test
    void aGatewayAlwaysMapsToTheSameWriter() {
        int lane = Batcher.laneOf("t", "gw-1", 4);
        for (int i = 0; i < 10; i++) assertThat(Batcher.laneOf("t", "gw-1", 4)).isEqualTo(lane);
        assertThat(lane).isBetween(0, 3);
    }

    @Test
    void batchesAreGroupedUpToMaxRowsAndAckedInOrder() throws Exception {
        List<List<ReadingBatch>> transactions = Collections.synchronizedList(new ArrayList<>());
        BatchWriter writer = batches -> {
            transactions.add(batches);
            return batches.stream().map(b -> BatchAck.committed(b.gateway(), b.seqFrom(), b.seqTo(), 1, 0)).toList();
        };
        // A long maxDelay: the group closes by size, never by time, so the test does not depend on timing.
        try (Batcher batcher = new Batcher(writer, new IngestMetrics(), 2, Duration.ofHours(1), 1)) {
            CompletableFuture<BatchAck> a = batcher.submit(batch("gw-1", 1));
            CompletableFuture<BatchAck> b = batcher.submit(batch("gw-1", 2));

            assertThat(a.get(10, TimeUnit.SECONDS).seqFrom()).isEqualTo(1);
            assertThat(b.get(10, TimeUnit.SECONDS).seqFrom()).isEqualTo(2);
            assertThat(transactions).hasSize(1);
            assertThat(transactions.get(0)).hasSize(2);
        }
    }

    @Test
    void oneBadBatchFailsAloneWhileItsGroupIsRetried() throws Exception {
        BatchWriter writer = batches -> {
            if (batches.stream().anyMatch(b -> b.seqFrom() == 2)) throw new SQLException("bad value", "22003");
            return batches.stream().map(b -> BatchAck.committed(b.gateway(), b.seqFrom(), b.seqTo(), 1, 0)).toList();
        };
        try (Batcher batcher = new Batcher(writer, new IngestMetrics(), 2, Duration.ofHours(1), 1)) {
            CompletableFuture<BatchAck> good = batcher.submit(batch("gw-1", 1));
            CompletableFuture<BatchAck> bad = batcher.submit(batch("gw-1", 2));

            assertThat(good.get(10, TimeUnit.SECONDS).stored()).isEqualTo(1);
            assertThatThrownBy(() -> bad.get(10, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class)
                    .hasRootCauseMessage("bad value");
        }
    }

    @Test
    void connectionFailuresAreRecognisedThroughCauses() {
        assertThat(Batcher.isConnectionFailure(new SQLTransientConnectionException("pool"))).isTrue();
        assertThat(Batcher.isConnectionFailure(new RuntimeException(new SQLException("x", "08006")))).isTrue();
        assertThat(Batcher.isConnectionFailure(new SQLException("terminating connection", "57P01"))).isTrue();
        assertThat(Batcher.isConnectionFailure(new SQLException("x", "22003"))).isFalse();
    }
}
