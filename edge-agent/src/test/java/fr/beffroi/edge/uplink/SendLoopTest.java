package fr.beffroi.edge.uplink;

import fr.beffroi.edge.buffer.ReadingBuffer;
import fr.beffroi.edge.buffer.WhenFull;
import fr.beffroi.edge.testing.Metrics;
import fr.beffroi.edge.testing.MutableClock;
import fr.beffroi.edge.testing.Readings;
import fr.beffroi.profiles.wire.BatchAck;
import fr.beffroi.profiles.wire.Reading;
import fr.beffroi.profiles.wire.Topics;
import fr.beffroi.profiles.wire.WireCodec;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

class SendLoopTest {
    static final Instant T0 = Instant.parse("2026-03-01T12:00:00Z");
    static final Duration ACK_TIMEOUT = Duration.ofSeconds(30);

    @TempDir
    Path dir;
    MutableClock clock = new MutableClock(T0);
    PrometheusRegistry registry = new PrometheusRegistry();
    FakeTransport transport = new FakeTransport();
    ReadingBuffer buffer;
    SendLoop loop;

    @BeforeEach
    void setUp() {
        buffer = ReadingBuffer.open(dir.resolve("buffer.db"), 10_000, WhenFull.REFUSE_NEW, clock, registry);
        // Jitter pinned at its maximum: the retry wait is exactly min·2^(n-1).
        Backoff retry = new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(60), () -> 0.999_999);
        loop = new SendLoop("liancourt", "gw1", buffer, transport, new SendSettings(10, 2, ACK_TIMEOUT, retry), clock,
                registry);
        loop.connected();
    }

    @AfterEach
    void tearDown() {
        buffer.close();
    }

    @Test
    void sendsBatchesOfAtMostBatchMaxReadingsUpToTheInFlightWindow() {
        buffer.append(Readings.of("inv1", 35, T0));

        loop.pump();

        assertThat(transport.ranges()).containsExactly("[1,10]", "[11,20]");
        assertThat(transport.published).allSatisfy(p -> {
            assertThat(p.topic()).isEqualTo(Topics.readings("liancourt", "gw1"));
            assertThat(p.batch().problems()).isEmpty();
            assertThat(p.batch().tenant()).isEqualTo("liancourt");
            assertThat(p.batch().gateway()).isEqualTo("gw1");
        });
        assertThat(loop.inFlightBatches()).isEqualTo(2);
        loop.pump();
        assertThat(transport.published).as("the window is full").hasSize(2);
        assertThat(buffer.size()).as("nothing leaves the buffer before an ack").isEqualTo(35);
    }

    @Test
    void aCommittedAckDeletesItsRangeAndFreesASlot() {
        buffer.append(Readings.of("inv1", 35, T0));
        loop.pump();

        loop.onAck(WireCodec.encode(BatchAck.committed("gw1", 1, 10, 10, 0)));
        loop.pump();

        assertThat(buffer.peek(0, 100)).extracting(Reading::seq).startsWith(11L).hasSize(25);
        assertThat(transport.ranges()).containsExactly("[1,10]", "[11,20]", "[21,30]");
        assertThat(buffer.confirmedTotal()).isEqualTo(10);
        assertThat(Metrics.value(registry, "beffroi_edge_uplink_acks", "status", "committed")).isEqualTo(1);
    }

    @Test
    void aRejectedAckMovesItsRangeToTheDeadLetterTable() {
        buffer.append(Readings.of("inv1", 15, T0));
        loop.pump();

        loop.onAck(BatchAck.rejected("gw1", 11, 15, "readings[2].unit: unknown UCUM code"));

        assertThat(buffer.peek(0, 100)).extracting(Reading::seq).hasSize(10).last().isEqualTo(10L);
        assertThat(buffer.deadLetters(10)).hasSize(5)
                .allSatisfy(d -> assertThat(d.reason()).isEqualTo("readings[2].unit: unknown UCUM code"));
        assertThat(loop.inFlightBatches()).isEqualTo(1);
    }

    @Test
    void acksOutOfOrderDeleteExactlyTheirRanges() {
        buffer.append(Readings.of("inv1", 20, T0));
        loop.pump();

        loop.onAck(BatchAck.committed("gw1", 11, 20, 10, 0));

        assertThat(buffer.peek(0, 100)).extracting(Reading::seq).containsExactly(1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L, 10L);
        assertThat(loop.inFlightBatches()).isEqualTo(1);
    }

    @Test
    void withoutAnAckWithinTheTimeoutResendsFromTheLowestUnconfirmedSeq() {
        buffer.append(Readings.of("inv1", 30, T0));
        loop.pump();
        loop.onAck(BatchAck.committed("gw1", 11, 20, 10, 0));
        loop.pump();
        assertThat(transport.ranges()).containsExactly("[1,10]", "[11,20]", "[21,30]");
        transport.clear();

        clock.advance(ACK_TIMEOUT.minusSeconds(1));
        loop.pump();
        assertThat(transport.published).as("still within the timeout").isEmpty();

        clock.advance(Duration.ofSeconds(1));
        loop.pump();

        // seq 11..20 are gone (committed); the resend restarts at 1 and skips over them.
        assertThat(transport.ranges()).containsExactly("[1,10]", "[21,30]");
        assertThat(buffer.size()).isEqualTo(20);
        assertThat(Metrics.value(registry, "beffroi_edge_uplink_rewinds", "cause", "ack_timeout")).isEqualTo(1);
    }

    @Test
    void aReconnectResendsEveryUnconfirmedBatch() {
        buffer.append(Readings.of("inv1", 20, T0));
        loop.pump();
        transport.clear();

        loop.disconnected();
        loop.pump();
        assertThat(transport.published).as("nothing is sent while disconnected").isEmpty();
        loop.connected();
        loop.pump();

        assertThat(transport.ranges()).containsExactly("[1,10]", "[11,20]");
    }

    @Test
    void aPublishRefusedByTheBrokerIsRetriedFromTheLowestSeqAfterBackoff() {
        transport.autoPuback = false;
        buffer.append(Readings.of("inv1", 20, T0));
        loop.pump();
        transport.published.get(1).puback().complete(null);

        transport.published.get(0).puback().completeExceptionally(
                new PublishException(0x97, "broker refused the message (quota exceeded)", null));
        transport.clear();
        loop.pump();
        assertThat(transport.published).as("waits out the backoff").isEmpty();

        clock.advance(Duration.ofSeconds(1));
        loop.pump();

        assertThat(transport.ranges()).containsExactly("[1,10]", "[11,20]");
        assertThat(buffer.size()).isEqualTo(20);
        assertThat(Metrics.value(registry, "beffroi_edge_uplink_rewinds", "cause", "publish_failed")).isEqualTo(1);
    }

    @Test
    void repeatedPublishFailuresBackOffExponentially() {
        transport.autoPuback = false;
        buffer.append(Readings.of("inv1", 5, T0));
        loop.pump();
        transport.published.get(0).puback().completeExceptionally(new PublishException(0x80, "unspecified", null));
        clock.advance(Duration.ofSeconds(1));
        loop.pump();
        transport.published.get(1).puback().completeExceptionally(new PublishException(0x80, "unspecified", null));
        transport.clear();

        // Second failure: 2 s · jitter 0.999999 = 1999 ms.
        clock.advance(Duration.ofMillis(1998));
        loop.pump();
        assertThat(transport.published).isEmpty();
        clock.advance(Duration.ofMillis(1));
        loop.pump();
        assertThat(transport.ranges()).containsExactly("[1,5]");
    }

    @Test
    void ignoresAcksForAnotherGatewayAndUnreadableOnes() {
        buffer.append(Readings.of("inv1", 5, T0));
        loop.pump();

        loop.onAck(BatchAck.committed("gw2", 1, 5, 5, 0));
        loop.onAck("{\"gateway\":\"gw1\",\"seqFrom\":1}".getBytes(StandardCharsets.UTF_8));

        assertThat(buffer.size()).isEqualTo(5);
        assertThat(Metrics.value(registry, "beffroi_edge_uplink_acks", "status", "foreign")).isEqualTo(1);
        assertThat(Metrics.value(registry, "beffroi_edge_uplink_acks", "status", "invalid")).isEqualTo(1);
    }

    @Test
    void anAckFromAnEarlierRunConfirmsItsRangeEvenIfNotInFlight() {
        buffer.append(Readings.of("inv1", 5, T0));

        loop.onAck(BatchAck.committed("gw1", 1, 3, 0, 3));

        assertThat(buffer.peek(0, 10)).extracting(Reading::seq).containsExactly(4L, 5L);
    }

    @Test
    void backoffDoublesWithJitterUpToItsCap() {
        Backoff low = new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(10), () -> 0.0);
        Backoff high = new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(10), () -> 0.999_999);

        assertThat(low.delay(1)).isEqualTo(Duration.ofMillis(500));
        assertThat(high.delay(1)).isEqualTo(Duration.ofMillis(999));
        assertThat(high.delay(3)).isEqualTo(Duration.ofMillis(3999));
        assertThat(low.delay(30)).isEqualTo(Duration.ofSeconds(5));
        assertThat(high.delay(30)).isEqualTo(Duration.ofMillis(9999));
    }
}
