package fr.beffroi.ingest.it;

import fr.beffroi.ingest.app.IngestConfig;
import fr.beffroi.ingest.app.IngestNode;
import fr.beffroi.ingest.auth.SecretHash;
import fr.beffroi.profiles.wire.BatchAck;
import fr.beffroi.profiles.wire.ReadingBatch;
import fr.beffroi.profiles.wire.WireCodec;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.Base64;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The database goes away under a running node: batches are answered 0x83 with no BatchAck (so the
 * gateway keeps them), health says DOWN, the node keeps serving, and once PostgreSQL is back the
 * resent batch is stored.
 */
class DatabaseOutageIT {
    static final String SECRET = "s3cret";

    private EmbeddedPostgres pg;
    private IngestNode node;
    private Path data;

    @AfterEach
    void stop() throws Exception {
        if (node != null) node.close();
        if (pg != null) pg.close();
        // Kept across the restart on purpose, so zonky leaves it behind: remove it here.
        if (data != null) {
            try (var files = Files.walk(data)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
            }
        }
    }

    @Test
    void aDatabaseFailureIsNeverAcknowledgedAndTheNodeRecovers() throws Exception {
        data = Files.createTempDirectory("ingest-outage-pg");
        pg = EmbeddedPostgres.builder().setDataDirectory(data).setCleanDataDirectory(false).start();
        int port = pg.getPort();
        IngestConfig config = IngestConfig.of(
                new IngestConfig.Jdbc(pg.getJdbcUrl("postgres", "postgres"), "postgres", "", Duration.ofSeconds(1)),
                List.of(new IngestConfig.GatewayEntry("gw-1", "liancourt", SecretHash.of(SECRET, 1_000))));
        node = IngestNode.start(config);

        try (TestGateway gw = TestGateway.connect(node.mqttPort(), "liancourt", "gw-1", SECRET)) {
            assertThat(gw.publish(gw.batch(1, 3))).isZero();
            assertThat(gw.nextAck(TestGateway.WAIT_MS).stored()).isEqualTo(3);

            pg.close();
            pg = null;

            assertThat(gw.publish(gw.batch(4, 6))).isEqualTo(0x83);
            assertThat(gw.nextAck(1_000)).as("no BatchAck for an uncommitted batch").isNull();
            assertThat(health()).isEqualTo(503);
            assertThat(postOverHttp(gw.batch(7, 8))).isEqualTo(503);
            assertThat(gw.client.isConnected()).isTrue();

            pg = EmbeddedPostgres.builder().setDataDirectory(data).setCleanDataDirectory(false).setPort(port).start();

            // The gateway resends until the node can commit; pooled connections to the old server may fail once.
            await().atMost(Duration.ofSeconds(60)).until(() -> gw.publish(gw.batch(4, 6)) == 0);
            BatchAck ack = gw.nextAck(TestGateway.WAIT_MS);
            assertThat(ack).isEqualTo(BatchAck.committed("gw-1", 4, 6, 3, 0));
            assertThat(health()).isEqualTo(200);
        }
        try (Connection c = pg.getPostgresDatabase().getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("select count(*), count(distinct seq) from reading where gateway = 'gw-1'")) {
            rs.next();
            assertThat(rs.getLong(1)).isEqualTo(6);
            assertThat(rs.getLong(2)).isEqualTo(6);
        }
    }

    private int postOverHttp(ReadingBatch batch) throws Exception {
        String auth = Base64.getEncoder().encodeToString(("gw-1:" + SECRET).getBytes(StandardCharsets.UTF_8));
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + node.httpPort() + "/api/v1/readings"))
                .header("Authorization", "Basic " + auth).timeout(Duration.ofSeconds(30))
                .POST(HttpRequest.BodyPublishers.ofByteArray(WireCodec.encode(batch))).build();
        return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString()).statusCode();
    }

    private int health() throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + node.httpPort() + "/health"))
                .timeout(Duration.ofSeconds(30)).GET().build();
        return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString()).statusCode();
    }
}
