package fr.beffroi.ingest.it;

import fr.beffroi.ingest.app.IngestConfig;
import fr.beffroi.ingest.app.IngestNode;
import fr.beffroi.ingest.auth.SecretHash;
import fr.beffroi.ingest.metrics.IngestMetrics.Outcome;
import fr.beffroi.profiles.wire.BatchAck;
import fr.beffroi.profiles.wire.Quality;
import fr.beffroi.profiles.wire.Reading;
import fr.beffroi.profiles.wire.ReadingBatch;
import fr.beffroi.profiles.wire.Topics;
import fr.beffroi.profiles.wire.WireCodec;
import fr.beffroi.ingest.store.Migrations;
import io.netty.handler.codec.mqtt.MqttQoS;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.mqtt.MqttClient;
import io.vertx.mqtt.MqttClientOptions;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The node end to end on 127.0.0.1: a real PostgreSQL (embedded), the real MQTT endpoint driven by a
 * Paho MQTT 5 client, the real HTTP endpoint. Each test uses its own gateway so that they stay independent.
 */
class IngestNodeIT {
    static final String TENANT = "liancourt";
    static final String SECRET = "correct horse battery staple";
    static final int GATEWAYS = 14;

    static EmbeddedPostgres pg;
    static IngestNode node;

    @BeforeAll
    static void start() throws Exception {
        pg = EmbeddedPostgres.builder().start();
        String hash = SecretHash.of(SECRET, 1_000);
        List<IngestConfig.GatewayEntry> gateways = new ArrayList<>();
        for (int i = 1; i <= GATEWAYS; i++) gateways.add(new IngestConfig.GatewayEntry("gw-" + i, TENANT, hash));
        IngestConfig config = IngestConfig.of(IngestConfig.Jdbc.of(pg.getJdbcUrl("postgres", "postgres"), "postgres", ""),
                gateways);
        node = IngestNode.start(config);
    }

    @AfterAll
    static void stop() throws Exception {
        if (node != null) node.close();
        if (pg != null) pg.close();
    }

    static long count(String sql) throws SQLException {
        return Sql.count(pg.getPostgresDatabase(), sql);
    }

    static String text(String sql) throws SQLException {
        return Sql.text(pg.getPostgresDatabase(), sql);
    }

    static TestGateway gateway(int n) throws MqttException {
        return TestGateway.connect(node.mqttPort(), TENANT, "gw-" + n, SECRET);
    }

    @Test
    void aBatchIsStoredThenAcknowledgedAfterCommit() throws Exception {
        try (TestGateway gw = gateway(1)) {
            int code = gw.publish(gw.batch(1, 3));

            assertThat(code).isZero();
            BatchAck ack = gw.nextAck(TestGateway.WAIT_MS);
            assertThat(ack).isEqualTo(BatchAck.committed("gw-1", 1, 3, 3, 0));
            // The ack is only sent after commit, so the rows are visible to anyone now.
            assertThat(count("select count(*) from reading where gateway = 'gw-1'")).isEqualTo(3);
            assertThat(count("select count(*) from reading where gateway = 'gw-1' and seq = 2 and value = 1002"
                    + " and unit = 'W' and quality = 'GOOD' and device = 'pv-1'")).isEqualTo(1);
        }
    }

    @Test
    void theSameBatchResentIsCountedAsDuplicatesAndStoredOnce() throws Exception {
        try (TestGateway gw = gateway(2)) {
            ReadingBatch batch = gw.batch(1, 5);
            assertThat(gw.publish(batch)).isZero();
            assertThat(gw.nextAck(TestGateway.WAIT_MS).stored()).isEqualTo(5);
            double duplicatesBefore = node.metrics().count("readings", "mqtt", Outcome.DUPLICATE);

            assertThat(gw.publish(batch)).isZero();

            assertThat(gw.nextAck(TestGateway.WAIT_MS)).isEqualTo(BatchAck.committed("gw-2", 1, 5, 0, 5));
            assertThat(count("select count(*) from reading where gateway = 'gw-2'")).isEqualTo(5);
            assertThat(node.metrics().count("readings", "mqtt", Outcome.DUPLICATE) - duplicatesBefore).isEqualTo(5);
        }
    }

    @Test
    void anOverlappingResendStoresOnlyTheNewPart() throws Exception {
        try (TestGateway gw = gateway(3)) {
            assertThat(gw.publish(gw.batch(1, 200))).isZero();
            assertThat(gw.nextAck(TestGateway.WAIT_MS).stored()).isEqualTo(200);

            assertThat(gw.publish(gw.batch(1, 500))).isZero();

            assertThat(gw.nextAck(TestGateway.WAIT_MS)).isEqualTo(BatchAck.committed("gw-3", 1, 500, 300, 200));
            assertThat(count("select count(*) from reading where gateway = 'gw-3'")).isEqualTo(500);
            assertThat(count("select count(distinct seq) from reading where gateway = 'gw-3'")).isEqualTo(500);
            assertThat(count("select count(*) from ingest_range where gateway = 'gw-3'")).isEqualTo(1);
            assertThat(count("select seq_to from ingest_range where gateway = 'gw-3' and seq_from = 1")).isEqualTo(500);
        }
    }

    @Test
    void malformedJsonIsDeadLetteredWithPayloadFormatInvalidAndTheNodeStillServes() throws Exception {
        try (TestGateway gw = gateway(4)) {
            int code = gw.publish(Topics.readings(TENANT, "gw-4"), "{\"tenant\": oops".getBytes(StandardCharsets.UTF_8));

            assertThat(code).isEqualTo(0x99);
            assertThat(node.metrics().count("batches", "mqtt", Outcome.DEAD_LETTERED)).isGreaterThanOrEqualTo(1);
            assertThat(count("select count(*) from dead_letter where gateway = 'gw-4' and endpoint = 'mqtt'"
                    + " and reason like 'ReadingBatch%' and convert_from(payload, 'UTF8') = '{\"tenant\": oops'"))
                    .isEqualTo(1);

            assertThat(gw.publish(gw.batch(10, 12))).isZero();
            // No BatchAck for an unreadable range: the first ack is the good batch's.
            assertThat(gw.nextAck(TestGateway.WAIT_MS)).isEqualTo(BatchAck.committed("gw-4", 10, 12, 3, 0));
        }
    }

    @Test
    void aBatchBreakingTheContractIsRejectedWithItsReason() throws Exception {
        try (TestGateway gw = gateway(5)) {
            ReadingBatch good = gw.batch(1, 2);
            ReadingBatch outOfRange = new ReadingBatch(TENANT, "gw-5", 1, 1, good.sentAt(), good.readings());

            assertThat(gw.publish(outOfRange)).isEqualTo(0x99);

            BatchAck ack = gw.nextAck(TestGateway.WAIT_MS);
            assertThat(ack.status()).isEqualTo(BatchAck.Status.REJECTED);
            assertThat(ack.reason()).contains("readings[1].seq");
            assertThat(count("select count(*) from dead_letter where gateway = 'gw-5'")).isEqualTo(1);
            assertThat(count("select count(*) from reading where gateway = 'gw-5'")).isZero();
        }
    }

    @Test
    void publishingOnAnotherGatewaysTopicIsNotAuthorised() throws Exception {
        try (TestGateway gw = gateway(6)) {
            int code = gw.publish(Topics.readings(TENANT, "gw-7"), WireCodec.encode(TestGateway.batch(TENANT, "gw-7", 1, 1)));

            assertThat(code).isEqualTo(0x87);
            assertThat(count("select count(*) from dead_letter where gateway = 'gw-6' and topic like '%/gw-7/%'"))
                    .isEqualTo(1);
            assertThat(count("select count(*) from reading where gateway = 'gw-7'")).isZero();
        }
    }

    @Test
    void aBatchInAnotherGatewaysNameOnItsOwnTopicIsNotAuthorised() throws Exception {
        try (TestGateway gw = gateway(8)) {
            assertThat(gw.publish(Topics.readings(TENANT, "gw-8"), WireCodec.encode(TestGateway.batch(TENANT, "gw-99", 1, 1))))
                    .isEqualTo(0x87);
            assertThat(count("select count(*) from reading where gateway = 'gw-99'")).isZero();
        }
    }

    @Test
    void anUnknownGatewayOrAWrongSecretIsRefusedAtConnect() {
        double before = node.metrics().authFailures("mqtt", "unknown_gateway");

        assertThatThrownBy(() -> TestGateway.connect(node.mqttPort(), TENANT, "gw-unknown", SECRET))
                .isInstanceOfSatisfying(MqttException.class, e -> assertThat(e.getReasonCode()).isEqualTo(0x86));
        assertThatThrownBy(() -> TestGateway.connect(node.mqttPort(), TENANT, "gw-1", "wrong"))
                .isInstanceOfSatisfying(MqttException.class, e -> assertThat(e.getReasonCode()).isEqualTo(0x86));
        assertThat(node.metrics().authFailures("mqtt", "unknown_gateway") - before).isEqualTo(1);
    }

    @Test
    void aSubscriptionOutsideTheGatewaysOwnTopicsIsRefused() throws Exception {
        try (TestGateway gw = gateway(10)) {
            var token = gw.client.subscribe(Topics.acks(TENANT, "gw-1"), 1);
            try {
                token.waitForCompletion(TestGateway.WAIT_MS);
            } catch (MqttException e) {
                assertThat(e.getReasonCode()).isEqualTo(0x87);
                return;
            }
            assertThat(token.getReasonCodes()).containsExactly(0x87);
        }
    }

    private static HttpResponse<String> post(String user, String secret, byte[] body) throws Exception {
        String auth = Base64.getEncoder().encodeToString((user + ":" + secret).getBytes(StandardCharsets.UTF_8));
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + node.httpPort() + "/api/v1/readings"))
                .header("Authorization", "Basic " + auth).header("Content-Type", "application/json")
                .timeout(Duration.ofSeconds(30)).POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
        return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> get(String path) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + node.httpPort() + path))
                .timeout(Duration.ofSeconds(30)).GET().build();
        return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void theHttpEndpointStoresThenAnswersWithTheBatchAck() throws Exception {
        byte[] body = WireCodec.encode(TestGateway.batch(TENANT, "gw-11", 1, 4));

        HttpResponse<String> first = post("gw-11", SECRET, body);
        HttpResponse<String> again = post("gw-11", SECRET, body);

        assertThat(first.statusCode()).isEqualTo(200);
        assertThat(WireCodec.decodeAck(first.body().getBytes(StandardCharsets.UTF_8)))
                .isEqualTo(BatchAck.committed("gw-11", 1, 4, 4, 0));
        assertThat(WireCodec.decodeAck(again.body().getBytes(StandardCharsets.UTF_8)))
                .isEqualTo(BatchAck.committed("gw-11", 1, 4, 0, 4));
        assertThat(count("select count(*) from reading where gateway = 'gw-11'")).isEqualTo(4);
    }

    @Test
    void theHttpEndpointRefusesStrangersAndInvalidBatches() throws Exception {
        byte[] good = WireCodec.encode(TestGateway.batch(TENANT, "gw-12", 1, 1));
        ReadingBatch b = TestGateway.batch(TENANT, "gw-12", 5, 6);
        byte[] invalid = WireCodec.encode(new ReadingBatch(TENANT, "gw-12", 6, 5, b.sentAt(), b.readings()));

        assertThat(post("gw-nobody", SECRET, good).statusCode()).isEqualTo(401);
        assertThat(post("gw-12", "wrong", good).statusCode()).isEqualTo(401);
        HttpResponse<String> refused = post("gw-12", SECRET, invalid);

        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(refused.body()).contains("seqTo");
        assertThat(count("select count(*) from dead_letter where gateway = 'gw-12' and endpoint = 'http'")).isEqualTo(1);
        assertThat(post("gw-12", SECRET, "[]".getBytes(StandardCharsets.UTF_8)).statusCode()).isEqualTo(400);
    }

    @Test
    void healthAndMetricsAnswer() throws Exception {
        HttpResponse<String> health = get("/health");
        assertThat(health.statusCode()).isEqualTo(200);
        assertThat(health.body()).contains("\"status\":\"UP\"").contains("\"db\":\"UP\"");

        try (TestGateway gw = gateway(9)) {
            assertThat(gw.publish(gw.batch(1, 2))).isZero();
        }
        HttpResponse<String> metrics = get("/metrics");
        assertThat(metrics.statusCode()).isEqualTo(200);
        assertThat(metrics.body())
                .contains("beffroi_ingest_batches_total{endpoint=\"mqtt\",outcome=\"stored\"}")
                .contains("beffroi_ingest_readings_total{endpoint=\"mqtt\",outcome=\"stored\"}")
                .contains("beffroi_ingest_batch_readings_bucket")
                .contains("beffroi_ingest_commit_seconds_bucket");
    }

    @Test
    void anMqtt311ClientIsServedToo() throws Exception {
        Vertx vertx = Vertx.vertx();
        try {
            MqttClient client = MqttClient.create(vertx, new MqttClientOptions().setUsername("gw-13").setPassword(SECRET)
                    .setClientId("gw-13-v311"));
            CompletableFuture<Integer> pubAck = new CompletableFuture<>();
            client.publishCompletionHandler(pubAck::complete);
            client.connect(node.mqttPort(), "127.0.0.1").toCompletionStage().toCompletableFuture()
                    .get(30, TimeUnit.SECONDS);
            int id = client.publish(Topics.readings(TENANT, "gw-13"),
                            Buffer.buffer(WireCodec.encode(TestGateway.batch(TENANT, "gw-13", 1, 2))), MqttQoS.AT_LEAST_ONCE,
                            false, false)
                    .toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);

            assertThat(pubAck.get(30, TimeUnit.SECONDS)).isEqualTo(id);
            assertThat(count("select count(*) from reading where gateway = 'gw-13'")).isEqualTo(2);
            client.disconnect();
        } finally {
            vertx.close();
        }
    }

    @Test
    void migrationsAreAppliedOnlyOnce() throws Exception {
        assertThat(Migrations.apply(pg.getPostgresDatabase())).isEmpty();
        assertThat(Migrations.bundled()).extracting(Migrations.Migration::version).containsExactly(1, 2, 3, 4, 5, 6);
    }

    @Test
    void theSchemaIsOnePartitionedTableWithDailyPartitions() throws Exception {
        try (TestGateway gw = gateway(9)) {
            assertThat(gw.publish(gw.batch(100, 100))).isZero();
        }
        assertThat(count("select count(*) from pg_partitioned_table where partrelid = 'reading'::regclass")).isEqualTo(1);
        assertThat(count("select count(*) from pg_class where relname = 'reading_p20261125'")).isEqualTo(1);
        assertThat(count("select count(*) from schema_migration")).isEqualTo(6);
    }

    @Test
    void anEventsAttributesAreStoredAsJsonbBesideAPlainSample() throws Exception {
        Map<String, String> lift = new LinkedHashMap<>();
        lift.put("tag", "0003E71CBE991A14");
        lift.put("status", "OK");
        lift.put("side", "LEFT");
        lift.put("lat", "49.3712");
        lift.put("lon", "2.4125");
        lift.put("stream", "OMR");
        // What COPY's text format must escape, after JSON escaped it: backslashes, tab, newline.
        lift.put("note", "bac \"vert\"\tcôté\\gauche\nrue de l'Église 🚛");
        Instant ts = TestGateway.TS;
        ReadingBatch batch = new ReadingBatch(TENANT, "gw-14", 9001, 9002, ts, List.of(
                new Reading(9001, "truck-07-rfid", "lift", ts, 12.4, "kg", Quality.GOOD, lift),
                new Reading(9002, "truck-07-rfid", "load", ts.plusSeconds(1), 3120.5, "kg", Quality.GOOD)));

        HttpResponse<String> answer = post("gw-14", SECRET, WireCodec.encode(batch));

        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        assertThat(WireCodec.decodeAck(answer.body().getBytes(StandardCharsets.UTF_8)))
                .isEqualTo(BatchAck.committed("gw-14", 9001, 9002, 2, 0));
        String where = "from reading where gateway = 'gw-14' and seq = ";
        assertThat(text("select attrs->>'tag' " + where + 9001)).isEqualTo("0003E71CBE991A14");
        assertThat(text("select attrs->>'side' " + where + 9001)).isEqualTo("LEFT");
        assertThat(text("select attrs->>'note' " + where + 9001)).isEqualTo(lift.get("note"));
        assertThat(count("select count(*) " + where + 9001 + " and value = 12.4 and unit = 'kg'"
                + " and jsonb_typeof(attrs) = 'object' and (select count(*) from jsonb_object_keys(attrs)) = 7"))
                .isEqualTo(1);
        assertThat(count("select count(*) " + where + 9002 + " and attrs is null")).isEqualTo(1);
        assertThat(count("select count(*) from reading where gateway = 'gw-14' and attrs @> '{\"stream\": \"OMR\"}'"))
                .isEqualTo(1);
    }
}
