package fr.beffroi.ingest.it;

import fr.beffroi.ingest.app.IngestConfig;
import fr.beffroi.ingest.app.IngestNode;
import fr.beffroi.ingest.auth.SecretHash;
import fr.beffroi.profiles.wire.Command;
import fr.beffroi.profiles.wire.CommandResult;
import fr.beffroi.profiles.wire.Quality;
import fr.beffroi.profiles.wire.Reading;
import fr.beffroi.profiles.wire.ReadingBatch;
import fr.beffroi.profiles.wire.Topics;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Commands through the real node on 127.0.0.1: the HTTP API with bearer tokens, the ledger in a
 * real PostgreSQL, the MQTT downlink to a Paho gateway and the results it reports back. Each test
 * uses its own gateway and device so that they stay independent.
 */
class CommandIT {
    static final String TENANT = "liancourt";
    static final String SECRET = "correct horse battery staple";
    static final String ALICE = "alice:operator-token";
    static final String BOB = "bob:viewer-token";
    static final String CAROL = "carol:other-commune-token";

    static EmbeddedPostgres pg;
    static IngestNode node;
    static final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    static void start() throws Exception {
        pg = EmbeddedPostgres.builder().start();
        String hash = SecretHash.of(SECRET, 1_000);
        List<IngestConfig.GatewayEntry> gateways = new ArrayList<>();
        for (int i = 1; i <= 8; i++) gateways.add(new IngestConfig.GatewayEntry("cgw-" + i, TENANT, hash));
        IngestConfig config = IngestConfig.of(IngestConfig.Jdbc.of(pg.getJdbcUrl("postgres", "postgres"), "postgres", ""),
                        gateways)
                .withUsers(List.of(
                        new IngestConfig.UserEntry("alice", TENANT, SecretHash.of(ALICE, 1_000), IngestConfig.Role.OPERATOR),
                        new IngestConfig.UserEntry("bob", TENANT, SecretHash.of(BOB, 1_000), IngestConfig.Role.VIEWER),
                        new IngestConfig.UserEntry("carol", "breteuil", SecretHash.of(CAROL, 1_000),
                                IngestConfig.Role.OPERATOR)))
                .withCommands(new IngestConfig.Commands(Duration.ofMillis(200), Duration.ofDays(1)));
        node = IngestNode.start(config);
    }

    @AfterAll
    static void stop() throws Exception {
        if (node != null) node.close();
        if (pg != null) pg.close();
    }

    /** A gateway that has sent one reading of {@code device}, so that the cloud knows where the device is. */
    static TestGateway gatewayHolding(int n, String device) throws Exception {
        TestGateway gw = TestGateway.connect(node.mqttPort(), TENANT, "cgw-" + n, SECRET);
        Reading r = new Reading(1, device, "zone1.setpoint", TestGateway.TS, 19, "Cel", Quality.GOOD);
        assertThat(gw.publish(new ReadingBatch(TENANT, gw.id, 1, 1, TestGateway.TS, List.of(r)))).isZero();
        assertThat(gw.nextAck(TestGateway.WAIT_MS)).isNotNull();
        return gw;
    }

    static HttpResponse<String> post(String token, JsonObject body) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + node.httpPort() + "/api/v1/commands"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body.encode()));
        if (token != null) b.header("Authorization", "Bearer " + token);
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    static HttpResponse<String> get(String token, String id) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + node.httpPort() + "/api/v1/commands/" + id))
                .header("Authorization", "Bearer " + token).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    static JsonObject setpoint(String id, String device, double value) {
        JsonObject o = new JsonObject().put("device", device).put("point", "zone1.setpoint").put("value", value)
                .put("expiresIn", "10m");
        if (id != null) o.put("id", id);
        return o;
    }

    static List<String> stages(String id) throws Exception {
        JsonArray events = new JsonObject(get(ALICE, id).body()).getJsonArray("events");
        List<String> out = new ArrayList<>();
        for (int i = 0; i < events.size(); i++) out.add(events.getJsonObject(i).getString("status"));
        return out;
    }

    static long count(String sql) throws SQLException {
        return Sql.count(pg.getPostgresDatabase(), sql);
    }

    static void waitUntil(String what, Callable<Boolean> condition) throws Exception {
        Sql.waitUntil(what, condition);
    }

    @Test
    void aCommandIsIssuedSentExecutedAndAudited() throws Exception {
        try (TestGateway gw = gatewayHolding(1, "bms-1")) {
            Map<String, Double> before = new java.util.HashMap<>();
            for (String stage : List.of("issued", "sent", "accepted", "executed")) {
                before.put(stage, node.metrics().commands(stage));
            }
            // GIVEN an operator's command for a device the cloud has seen through gateway cgw-1
            HttpResponse<String> issued = post(ALICE, setpoint("cmd-1", "bms-1", 21));
            assertThat(issued.statusCode()).as(issued.body()).isEqualTo(202);
            JsonObject body = new JsonObject(issued.body());
            assertThat(body.getString("status")).isEqualTo("ISSUED");
            assertThat(body.getString("gateway")).isEqualTo("cgw-1");
            assertThat(body.getString("issuedBy")).isEqualTo("user:alice");

            // WHEN the gateway subscribes to its commands topic
            assertThat(gw.subscribeCommands()).isLessThan(0x80);
            Command c = gw.nextCommand(TestGateway.WAIT_MS);

            // THEN it gets the command, and reports what it did with it
            assertThat(c).isNotNull();
            assertThat(c.id()).isEqualTo("cmd-1");
            assertThat(c.device()).isEqualTo("bms-1");
            assertThat(c.value()).isEqualTo(21);
            waitUntil("SENT", () -> stages("cmd-1").contains("SENT"));
            assertThat(gw.report(new CommandResult("cmd-1", CommandResult.Status.ACCEPTED, null, Instant.now()))).isZero();
            CommandResult executed = new CommandResult("cmd-1", CommandResult.Status.EXECUTED, null, Instant.now());
            assertThat(gw.report(executed)).isZero();
            // a result resent (the gateway missed the PUBACK) is one audit row
            assertThat(gw.report(executed)).isZero();

            JsonObject record = new JsonObject(get(ALICE, "cmd-1").body());
            assertThat(record.getString("status")).isEqualTo("EXECUTED");
            assertThat(stages("cmd-1")).containsExactly("ISSUED", "SENT", "ACCEPTED", "EXECUTED");
            assertThat(count("select count(*) from command_event where command_id = 'cmd-1'")).isEqualTo(4);
            // a viewer of the tenant may read it
            assertThat(get(BOB, "cmd-1").statusCode()).isEqualTo(200);
            // each stage counted once in beffroi_ingest_commands_total{stage}, the resent result not again
            for (String stage : List.of("issued", "sent", "accepted", "executed")) {
                assertThat(node.metrics().commands(stage) - before.get(stage)).as(stage).isEqualTo(1.0);
            }
        }
    }

    @Test
    void aCommandIssuedWhileTheGatewayListensIsPushedAtOnce() throws Exception {
        try (TestGateway gw = gatewayHolding(2, "bms-2")) {
            assertThat(gw.subscribeCommands()).isLessThan(0x80);
            assertThat(post(ALICE, setpoint("cmd-2", "bms-2", 20)).statusCode()).isEqualTo(202);
            Command c = gw.nextCommand(TestGateway.WAIT_MS);
            assertThat(c).isNotNull();
            assertThat(c.id()).isEqualTo("cmd-2");
        }
    }

    @Test
    void theSameIdTwiceIsOneCommandAndAnotherContentUnderItIsAConflict() throws Exception {
        try (TestGateway gw = gatewayHolding(3, "bms-3")) {
            HttpResponse<String> first = post(ALICE, setpoint("cmd-3", "bms-3", 19));
            HttpResponse<String> again = post(ALICE, setpoint("cmd-3", "bms-3", 19));
            HttpResponse<String> other = post(ALICE, setpoint("cmd-3", "bms-3", 25));

            assertThat(first.statusCode()).isEqualTo(202);
            assertThat(again.statusCode()).isEqualTo(202);
            assertThat(new JsonObject(again.body()).getString("issuedAt"))
                    .isEqualTo(new JsonObject(first.body()).getString("issuedAt"));
            assertThat(other.statusCode()).isEqualTo(409);
            assertThat(new JsonObject(other.body()).getString("reason")).contains("cmd-3", "already taken");
            assertThat(count("select count(*) from command where id = 'cmd-3'")).isEqualTo(1);
            assertThat(count("select count(*) from command_event where command_id = 'cmd-3'")).isEqualTo(1);
        }
    }

    @Test
    void aCommandForADeviceNeverSeenIsRefused() throws Exception {
        double refused = node.metrics().commands("refused");
        HttpResponse<String> r = post(ALICE, setpoint(null, "bms-nowhere", 19));
        assertThat(r.statusCode()).isEqualTo(404);
        assertThat(node.metrics().commands("refused") - refused).isEqualTo(1.0);
        assertThat(new JsonObject(r.body()).getString("reason")).isEqualTo("unknown device liancourt/bms-nowhere");
    }

    @Test
    void onlyAuthenticatedOperatorsOfTheTenantIssue() throws Exception {
        try (TestGateway gw = gatewayHolding(4, "bms-4")) {
            assertThat(post(null, setpoint(null, "bms-4", 19)).statusCode()).isEqualTo(401);
            assertThat(post("alice:wrong", setpoint(null, "bms-4", 19)).statusCode()).isEqualTo(401);
            assertThat(post(BOB, setpoint(null, "bms-4", 19)).statusCode()).isEqualTo(403);
            // carol's tenant has no device bms-4; liancourt's is not hers to reach
            assertThat(post(CAROL, setpoint(null, "bms-4", 19)).statusCode()).isEqualTo(404);
            assertThat(post(CAROL, setpoint(null, "bms-4", 19).put("tenant", TENANT)).statusCode()).isEqualTo(403);
            assertThat(post(ALICE, new JsonObject().put("device", "bms-4")).statusCode()).isEqualTo(400);
            assertThat(post(ALICE, setpoint(null, "bms-4", 19).put("colour", "red")).statusCode()).isEqualTo(400);
            HttpResponse<String> ok = post(ALICE, setpoint("cmd-4", "bms-4", 19));
            assertThat(ok.statusCode()).isEqualTo(202);
            assertThat(get(CAROL, "cmd-4").statusCode()).isEqualTo(404);
            // another tenant reusing the id learns only that it is taken, nothing of the command
            HttpResponse<String> taken = post(CAROL, setpoint("cmd-4", "bms-4", 19));
            assertThat(taken.statusCode()).isEqualTo(409);
            assertThat(new JsonObject(taken.body()).getString("reason"))
                    .isEqualTo("command id cmd-4 is already taken by another command");
        }
    }

    @Test
    void aGatewayMaySubscribeOnlyToItsOwnDownTopics() throws Exception {
        try (TestGateway gw = gatewayHolding(5, "bms-5")) {
            assertThat(gw.subscribe(Topics.commands(TENANT, "cgw-6"))).isGreaterThanOrEqualTo(0x80);
            assertThat(gw.subscribe(Topics.readings(TENANT, "cgw-5"))).isGreaterThanOrEqualTo(0x80);
            assertThat(gw.subscribe("beffroi/v1/" + TENANT + "/cgw-5/#")).isGreaterThanOrEqualTo(0x80);
            assertThat(gw.subscribe(Topics.commands(TENANT, "cgw-5"))).isLessThan(0x80);
        }
    }

    @Test
    void aResultForAnUnknownCommandIsDeadLettered() throws Exception {
        try (TestGateway gw = gatewayHolding(6, "bms-6")) {
            int code = gw.report(new CommandResult("cmd-never", CommandResult.Status.EXECUTED, null, Instant.now()));
            int malformed = gw.publish(Topics.commandResults(TENANT, "cgw-6"), "{not json".getBytes());

            assertThat(code).isEqualTo(0x99);
            assertThat(malformed).isEqualTo(0x99);
            assertThat(count("select count(*) from dead_letter where gateway = 'cgw-6' and reason ="
                    + " 'result for unknown command cmd-never'")).isEqualTo(1);
            assertThat(count("select count(*) from dead_letter where gateway = 'cgw-6'")).isEqualTo(2);
        }
    }

    @Test
    void aCommandNotDeliveredBeforeItsExpiryIsMarkedExpiredAndNeverSent() throws Exception {
        try (TestGateway gw = gatewayHolding(7, "bms-7")) {
            double expired = node.metrics().commands("expired");
            // GIVEN a command with a short life, issued while the gateway does not listen
            assertThat(post(ALICE, setpoint("cmd-7", "bms-7", 22).put("expiresIn", "1s")).statusCode()).isEqualTo(202);

            // WHEN its expiry passes
            waitUntil("EXPIRED", () -> "EXPIRED".equals(new JsonObject(get(ALICE, "cmd-7").body()).getString("status")));

            // THEN the sweep marked it, with a reason, and the gateway subscribing later gets nothing
            JsonObject record = new JsonObject(get(ALICE, "cmd-7").body());
            assertThat(record.getString("reason")).contains("not delivered");
            assertThat(stages("cmd-7")).containsExactly("ISSUED", "EXPIRED");
            assertThat(node.metrics().commands("expired") - expired).isEqualTo(1.0);
            assertThat(gw.subscribeCommands()).isLessThan(0x80);
            assertThat(gw.nextCommand(1_000)).isNull();
        }
    }
}
