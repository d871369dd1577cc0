package fr.beffroi.ingest.it;

import fr.beffroi.ingest.app.IngestConfig;
import fr.beffroi.ingest.app.IngestNode;
import fr.beffroi.ingest.auth.SecretHash;
import fr.beffroi.profiles.wire.BatchAck;
import fr.beffroi.profiles.wire.ReadingBatch;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two ingest nodes on one database, as a cluster behind a load balancer would run them: nodes
 * started together (migrations serialise on their advisory lock), and a gateway whose batches reach
 * both — a resend after a failover racing the first delivery — has each reading stored once, every
 * delivery acknowledged COMMITTED only after commit, and its ledger coalesced.
 */
class IngestClusterIT {
    static final String TENANT = IngestNodeIT.TENANT;
    static final String SECRET = IngestNodeIT.SECRET;
    static EmbeddedPostgres pg;
    static IngestNode a;
    static IngestNode b;

    @BeforeAll
    static void start() throws Exception {
        pg = EmbeddedPostgres.builder().start();
        String hash = SecretHash.of(SECRET, 1_000);
        IngestConfig config = IngestConfig.of(IngestConfig.Jdbc.of(pg.getJdbcUrl("postgres", "postgres"), "postgres", ""),
                List.of(new IngestConfig.GatewayEntry("gw-race", TENANT, hash),
                        new IngestConfig.GatewayEntry("gw-move", TENANT, hash)));
        // Both at once, on an empty database: each runs the migrations, one after the other.
        CompletableFuture<IngestNode> first = CompletableFuture.supplyAsync(() -> start(config));
        CompletableFuture<IngestNode> second = CompletableFuture.supplyAsync(() -> start(config));
        a = first.join();
        b = second.join();
    }

    private static IngestNode start(IngestConfig config) {
        try {
            return IngestNode.start(config);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @AfterAll
    static void stop() throws Exception {
        if (a != null) a.close();
        if (b != null) b.close();
        if (pg != null) pg.close();
    }

    static long count(String sql) throws SQLException {
        return Sql.count(pg.getPostgresDatabase(), sql);
    }

    @Test
    void aBatchDeliveredToBothNodesAtOnceIsStoredOnce() throws Exception {
        int rounds = 20;
        int perBatch = 200;
        ExecutorService senders = Executors.newFixedThreadPool(2);
        try (TestGateway viaA = TestGateway.connect(a.mqttPort(), TENANT, "gw-race", SECRET);
             TestGateway viaB = TestGateway.connect(b.mqttPort(), TENANT, "gw-race", SECRET)) {
            for (int round = 0; round < rounds; round++) {
                ReadingBatch batch = viaA.batch(round * perBatch + 1L, (round + 1L) * perBatch);
                Future<Integer> toA = senders.submit(() -> viaA.publish(batch));
                Future<Integer> toB = senders.submit(() -> viaB.publish(batch));
                assertThat(toA.get()).isZero();
                assertThat(toB.get()).isZero();
                BatchAck ackA = viaA.nextAck(TestGateway.WAIT_MS);
                BatchAck ackB = viaB.nextAck(TestGateway.WAIT_MS);

                assertThat(List.of(ackA, ackB)).allSatisfy(ack -> {
                    assertThat(ack.status()).isEqualTo(BatchAck.Status.COMMITTED);
                    assertThat(ack.seqFrom()).isEqualTo(batch.seqFrom());
                    assertThat(ack.seqTo()).isEqualTo(batch.seqTo());
                });
                // The gateway's cursor row serialises the two transactions: the second sees the first's range.
                assertThat(ackA.stored() + ackB.stored()).as("round %d", round).isEqualTo(perBatch);
                assertThat(ackA.duplicates() + ackB.duplicates()).as("round %d", round).isEqualTo(perBatch);
            }
        } finally {
            senders.shutdownNow();
        }
        assertThat(count("select count(*) from reading where gateway = 'gw-race'")).isEqualTo((long) rounds * perBatch);
        assertThat(count("select count(distinct seq) from reading where gateway = 'gw-race'"))
                .isEqualTo((long) rounds * perBatch);
        assertThat(count("select count(*) from ingest_range where gateway = 'gw-race'")).isEqualTo(1);
    }

    @Test
    void aGatewayMovingBetweenNodesWithOverlappingResendsLosesAndDoublesNothing() throws Exception {
        List<long[]> ranges = new ArrayList<>();
        // Forward through A, back over part of it through B (the resend after a failover), on through B, and a
        // stale resend of the first range through A again.
        ranges.add(new long[]{1, 100});
        ranges.add(new long[]{101, 250});
        ranges.add(new long[]{51, 200});
        ranges.add(new long[]{201, 400});
        ranges.add(new long[]{1, 100});
        long stored = 0;
        long duplicates = 0;
        try (TestGateway viaA = TestGateway.connect(a.mqttPort(), TENANT, "gw-move", SECRET);
             TestGateway viaB = TestGateway.connect(b.mqttPort(), TENANT, "gw-move", SECRET)) {
            for (int i = 0; i < ranges.size(); i++) {
                TestGateway via = i < 2 || i == 4 ? viaA : viaB;
                assertThat(via.publish(via.batch(ranges.get(i)[0], ranges.get(i)[1]))).isZero();
                BatchAck ack = via.nextAck(TestGateway.WAIT_MS);
                assertThat(ack.status()).isEqualTo(BatchAck.Status.COMMITTED);
                stored += ack.stored();
                duplicates += ack.duplicates();
            }
        }
        assertThat(stored).isEqualTo(400);
        assertThat(duplicates).isEqualTo(150 + 50 + 100);
        assertThat(count("select count(*) from reading where gateway = 'gw-move'")).isEqualTo(400);
        assertThat(count("select count(*) from ingest_range where gateway = 'gw-move'")).isEqualTo(1);
    }
}
