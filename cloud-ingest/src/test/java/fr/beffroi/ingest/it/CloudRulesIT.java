package fr.beffroi.ingest.it;

import fr.beffroi.ingest.app.IngestConfig;
import fr.beffroi.ingest.app.IngestNode;
import fr.beffroi.ingest.auth.SecretHash;
import fr.beffroi.profiles.wire.AllowList;
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
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Cloud rules, bookings and allow-lists through the real node on 127.0.0.1, a real PostgreSQL and a
 * Paho gateway; time leaps with a {@link LeapingClock} given to the node. Each test has its own
 * gateway and devices.
 */
class CloudRulesIT {
    static final String TENANT = "liancourt";
    static final String SECRET = "correct horse battery staple";
    static final String ALICE = "alice:operator-token";
    static final String BOB = "bob:viewer-token";
    static final String CAROL = "carol:other-commune-token";
    static final String RULES = """
            tenant: liancourt
            rules:
              - id: boiler-overheat
                inputs: {t: {device: boiler-1, point: temperature}}
                if: "t > 80.0"
                then: [ {command: {device: boiler-1, point: setpoint, value: 50, expires: 10m}} ]
              - id: cold-hall
                inputs: {t: {device: hall-th, point: temperature}}
                if: "t < 10.0"
                for: 10m
                then: [ {alert: {level: warning, message: "hall below 10 C for 10 min"}} ]
              - id: hall-heating
                when: [ {booking: {room: salle-des-fetes, at: start, offset: -2h}} ]
                then: [ {command: {device: hall-boiler, point: setpoint, value: 19, expires: 15m}} ]
              - id: edge-only
                runs: edge
                inputs: {t: {device: boiler-1, point: temperature}}
                if: "t > 80.0"
                then: [ {alert: {message: "never in the cloud"}} ]
            """;

    static EmbeddedPostgres pg;
    static IngestConfig config;
    static IngestNode node;
    static final LeapingClock clock = new LeapingClock(Instant.now().truncatedTo(ChronoUnit.SECONDS));
    static final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    static void start() throws Exception {
        pg = EmbeddedPostgres.builder().start();
        Path dir = Files.createTempDirectory("rules");
        Files.writeString(dir.resolve(TENANT + ".yaml"), RULES);
        String hash = SecretHash.of(SECRET, 1_000);
        List<IngestConfig.GatewayEntry> gateways = new ArrayList<>();
        for (int i = 1; i <= 6; i++) gateways.add(new IngestConfig.GatewayEntry("rgw-" + i, TENANT, hash));
        config = IngestConfig.of(IngestConfig.Jdbc.of(pg.getJdbcUrl("postgres", "postgres"), "postgres", ""), gateways)
                .withUsers(List.of(
                        new IngestConfig.UserEntry("alice", TENANT, SecretHash.of(ALICE, 1_000), IngestConfig.Role.OPERATOR),
                        new IngestConfig.UserEntry("bob", TENANT, SecretHash.of(BOB, 1_000), IngestConfig.Role.VIEWER),
                        new IngestConfig.UserEntry("carol", "breteuil", SecretHash.of(CAROL, 1_000),
                                IngestConfig.Role.OPERATOR)))
                .withRules(new IngestConfig.Rules(dir, Duration.ofMillis(100)))
                .withRooms(List.of(new IngestConfig.RoomEntry(TENANT, "gym", List.of("door-gym"))));
        node = IngestNode.start(config, clock);
    }

    @AfterAll
    static void stop() throws Exception {
        if (node != null) node.close();
        if (pg != null) pg.close();
    }

    // ------------------------------------------------------------------ rules

    @Test
    void aCommittedReadingTriggersACloudRuleThatIssuesACommand() throws Exception {
        try (TestGateway gw = TestGateway.connect(node.mqttPort(), TENANT, "rgw-1", SECRET)) {
            // WHEN the boiler reports 85 °C
            send(gw, 1, reading(1, "boiler-1", "temperature", 85));

            // THEN the cloud rule issues the setpoint command, audited as issued by the rule
            waitUntil("the rule's command", () -> count("SELECT count(*) FROM command WHERE device = 'boiler-1'"
                    + " AND issued_by = 'rule:boiler-overheat' AND point = 'setpoint' AND value = 50") == 1);
            assertThat(count("SELECT count(*) FROM command_event e JOIN command c ON c.id = e.command_id"
                    + " WHERE c.issued_by = 'rule:boiler-overheat' AND e.status = 'ISSUED'")).isEqualTo(1);
            // ... and the gateway holding the boiler gets it
            gw.subscribeCommands();
            assertThat(gw.nextCommand(TestGateway.WAIT_MS).issuedBy()).isEqualTo("rule:boiler-overheat");
            // an edge rule on the same input does not run in the cloud
            assertThat(count("SELECT count(*) FROM alert WHERE rule_id = 'edge-only'")).isZero();
            assertThat(node.metrics().ruleActions(TENANT, "command", "issued")).isGreaterThanOrEqualTo(1);
        }
    }

    @Test
    void aForTimerSurvivesAnIngestRestart() throws Exception {
        try (TestGateway gw = TestGateway.connect(node.mqttPort(), TENANT, "rgw-2", SECRET)) {
            // GIVEN the hall below 10 °C, its for: 10m timer running and saved
            send(gw, 1, reading(1, "hall-th", "temperature", 8));
            waitUntil("the for: timer saved", () -> count("SELECT count(*) FROM rule_state WHERE tenant = 'liancourt'"
                    + " AND rule_id = 'cold-hall' AND state ->> 'trueSince' IS NOT NULL") == 1);
        }
        assertThat(count("SELECT count(*) FROM alert WHERE rule_id = 'cold-hall'")).isZero();

        // WHEN the node restarts, and 11 minutes pass without any new reading
        node.close();
        node = IngestNode.start(config, clock);
        clock.leap(Duration.ofMinutes(11));
        node.rules().tickAll();

        // THEN the restored timer runs out and the alert is recorded
        waitUntil("the alert", () -> count("SELECT count(*) FROM alert WHERE tenant = 'liancourt'"
                + " AND rule_id = 'cold-hall' AND level = 'warning'") == 1);

        // AND the tenant's users read it from the alert API, another commune's users do not
        HttpResponse<String> listed = get(BOB, "/api/v1/alerts?level=warning");
        assertThat(listed.statusCode()).as(listed.body()).isEqualTo(200);
        JsonArray alerts = new JsonObject(listed.body()).getJsonArray("alerts");
        assertThat(alerts.stream().map(a -> (JsonObject) a))
                .allSatisfy(a -> assertThat(a.getString("level")).isEqualTo("warning"))
                .anySatisfy(a -> {
                    assertThat(a.getString("rule")).isEqualTo("cold-hall");
                    assertThat(a.getString("message")).isEqualTo("hall below 10 C for 10 min");
                });
        assertThat(new JsonObject(get(CAROL, "/api/v1/alerts").body()).getJsonArray("alerts")).isEmpty();
        HttpResponse<String> bad = get(BOB, "/api/v1/alerts?limit=0&level=loud&from=yesterday");
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(new JsonObject(bad.body()).getString("reason")).contains("limit: an integer from 1 to 1000",
                "level: one of info, warning, critical, was loud", "from: not an ISO-8601 instant");
        assertThat(get(null, "/api/v1/alerts").statusCode()).isEqualTo(401);
    }

    @Test
    void aBookingHeatsTheHallTwoHoursBeforeItsStart() throws Exception {
        try (TestGateway gw = TestGateway.connect(node.mqttPort(), TENANT, "rgw-3", SECRET)) {
            send(gw, 1, reading(1, "hall-boiler", "setpoint", 12));
            Instant start = clock.instant().plus(Duration.ofHours(3)).truncatedTo(ChronoUnit.MINUTES);
            HttpResponse<String> booked = send("POST", ALICE, "", new JsonObject().put("room", "salle-des-fetes")
                    .put("start", start.toString()).put("end", start.plus(Duration.ofHours(4)).toString())
                    .put("code", "4821"));
            assertThat(booked.statusCode()).as(booked.body()).isEqualTo(201);

            // WHEN time reaches 2 h before the start
            clock.leap(Duration.between(clock.instant(), start.minus(Duration.ofMinutes(119))));
            node.rules().tickAll();

            // THEN the rule fires at exactly start - 2h (the firing instant is in the command id)
            String id = TENANT + ":hall-heating:" + start.minus(Duration.ofHours(2)).toEpochMilli() + ":hall-boiler:setpoint";
            waitUntil("the heating command", () -> count("SELECT count(*) FROM command WHERE id = '" + id
                    + "' AND device = 'hall-boiler' AND value = 19 AND issued_by = 'rule:hall-heating'") == 1);
        }
    }

    @Test
    void aBookingMadeBeforeARestartIsToldToTheNewEngineAndStillHeats() throws Exception {
        try (TestGateway gw = TestGateway.connect(node.mqttPort(), TENANT, "rgw-5", SECRET)) {
            send(gw, 1, reading(1, "hall-boiler", "setpoint", 12));
        }
        Instant start = clock.instant().plus(Duration.ofHours(6)).truncatedTo(ChronoUnit.MINUTES);
        HttpResponse<String> booked = send("POST", ALICE, "", new JsonObject().put("room", "salle-des-fetes")
                .put("start", start.toString()).put("end", start.plus(Duration.ofHours(2)).toString())
                .put("code", "123456"));
        assertThat(booked.statusCode()).as(booked.body()).isEqualTo(201);

        // WHEN the node restarts (the engine keeps no bookings) and time reaches 2 h before the start
        node.close();
        node = IngestNode.start(config, clock);
        clock.leap(Duration.between(clock.instant(), start.minus(Duration.ofMinutes(119))));
        node.rules().tickAll();

        // THEN the booking, read back from the table at start-up, fires the heating rule on time
        String id = TENANT + ":hall-heating:" + start.minus(Duration.ofHours(2)).toEpochMilli() + ":hall-boiler:setpoint";
        waitUntil("the heating command", () -> count("SELECT count(*) FROM command WHERE id = '" + id + "'") == 1);
    }

    // ------------------------------------------------------------------ bookings API

    @Test
    void bookingsAreCreatedMovedListedAndCancelledByOperatorsOfTheirTenantOnly() throws Exception {
        Instant start = clock.instant().plus(Duration.ofDays(2)).truncatedTo(ChronoUnit.MINUTES);
        JsonObject body = new JsonObject().put("room", "mairie-salle-1").put("start", start.toString())
                .put("end", start.plus(Duration.ofHours(2)).toString()).put("badge", "04a1b2c3");

        assertThat(send("POST", null, "", body).statusCode()).isEqualTo(401);
        assertThat(send("POST", "alice:wrong", "", body).statusCode()).isEqualTo(401);
        assertThat(send("POST", BOB, "", body).statusCode()).isEqualTo(403);
        assertThat(send("POST", ALICE, "", body.copy().put("tenant", "breteuil")).statusCode()).isEqualTo(403);
        HttpResponse<String> bad = send("POST", ALICE, "", body.copy().put("end", start.toString()).put("badge", "zz"));
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(new JsonObject(bad.body()).getString("reason")).contains("end: must be after start").contains("badge:");

        HttpResponse<String> created = send("POST", ALICE, "", body);
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        JsonObject b = new JsonObject(created.body());
        String id = b.getString("id");
        assertThat(b.getString("badge")).isEqualTo("04A1B2C3");
        assertThat(b.getString("tenant")).isEqualTo(TENANT);
        assertThat(b.getString("createdBy")).isEqualTo("user:alice");

        // read by a viewer of the tenant; unknown to another tenant
        assertThat(send("GET", BOB, "/" + id, null).statusCode()).isEqualTo(200);
        assertThat(send("GET", CAROL, "/" + id, null).statusCode()).isEqualTo(404);
        assertThat(send("DELETE", CAROL, "/" + id, null).statusCode()).isEqualTo(404);
        assertThat(send("PUT", BOB, "/" + id, new JsonObject().put("start", start.toString())
                .put("end", start.plusSeconds(60).toString())).statusCode()).isEqualTo(403);

        // moved
        HttpResponse<String> moved = send("PUT", ALICE, "/" + id, new JsonObject()
                .put("start", start.plus(Duration.ofHours(1)).toString()).put("end", start.plus(Duration.ofHours(3)).toString()));
        assertThat(moved.statusCode()).as(moved.body()).isEqualTo(200);
        assertThat(new JsonObject(moved.body()).getString("start")).isEqualTo(start.plus(Duration.ofHours(1)).toString());

        // listed by room and window
        HttpResponse<String> list = send("GET", BOB, "?room=mairie-salle-1&from=" + start + "&to="
                + start.plus(Duration.ofDays(1)), null);
        assertThat(list.statusCode()).isEqualTo(200);
        assertThat(new JsonObject(list.body()).getJsonArray("bookings")).hasSize(1);
        assertThat(new JsonObject(send("GET", CAROL, "?room=mairie-salle-1", null).body()).getJsonArray("bookings"))
                .isEmpty();

        // cancelled: gone from the list, cannot be moved
        assertThat(send("DELETE", BOB, "/" + id, null).statusCode()).isEqualTo(403);
        HttpResponse<String> cancelled = send("DELETE", ALICE, "/" + id, null);
        assertThat(cancelled.statusCode()).isEqualTo(200);
        assertThat(new JsonObject(cancelled.body()).getString("cancelledAt")).isNotNull();
        assertThat(new JsonObject(send("GET", BOB, "?room=mairie-salle-1", null).body()).getJsonArray("bookings"))
                .isEmpty();
        assertThat(send("PUT", ALICE, "/" + id, new JsonObject().put("start", start.toString())
                .put("end", start.plusSeconds(60).toString())).statusCode()).isEqualTo(404);
    }

    // ------------------------------------------------------------------ allow-lists

    @Test
    void aBookingReachesTheDoorsGatewayAndItsCancellationRemovesIt() throws Exception {
        try (TestGateway gw = TestGateway.connect(node.mqttPort(), TENANT, "rgw-4", SECRET)) {
            // GIVEN the gym door known behind rgw-4, which subscribes to its allow-list
            send(gw, 1, reading(1, "door-gym", "locked", 1));
            assertThat(gw.subscribe(Topics.allowList(TENANT, "rgw-4"))).isLessThan(0x80);
            AllowList first = gw.nextAllowList(TestGateway.WAIT_MS);
            assertThat(first).isNotNull();
            assertThat(first.validUntil()).isEqualTo(first.issuedAt().plus(Duration.ofDays(7)));

            // WHEN the gym is booked
            Instant start = clock.instant().plus(Duration.ofHours(5)).truncatedTo(ChronoUnit.MINUTES);
            HttpResponse<String> created = send("POST", ALICE, "", new JsonObject().put("room", "gym")
                    .put("start", start.toString()).put("end", start.plus(Duration.ofHours(2)).toString())
                    .put("badge", "04A1B2C3D4E5F6"));
            assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
            String id = new JsonObject(created.body()).getString("id");

            // THEN a newer list carries the grant
            AllowList granted = nextWith(gw, l -> l.entries().stream().anyMatch(e -> e.bookingId().equals(id)));
            assertThat(granted.version()).isGreaterThan(first.version());
            assertThat(granted.entries()).contains(new AllowList.Entry("door-gym", "04A1B2C3D4E5F6", id, start,
                    start.plus(Duration.ofHours(2))));

            // WHEN it is cancelled THEN a newer list comes without it
            assertThat(send("DELETE", ALICE, "/" + id, null).statusCode()).isEqualTo(200);
            AllowList revoked = nextWith(gw, l -> l.entries().stream().noneMatch(e -> e.bookingId().equals(id)));
            assertThat(revoked.version()).isGreaterThan(granted.version());
        }
    }

    // ------------------------------------------------------------------ helpers

    static AllowList nextWith(TestGateway gw, java.util.function.Predicate<AllowList> p) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() < deadline) {
            AllowList l = gw.nextAllowList(1_000);
            if (l != null && p.test(l)) return l;
        }
        throw new AssertionError("no matching allow-list");
    }

    static Reading reading(long seq, String device, String point, double value) {
        return new Reading(seq, device, point, clock.instant(), value, "Cel", Quality.GOOD);
    }

    static void send(TestGateway gw, long seq, Reading r) throws Exception {
        assertThat(gw.publish(new ReadingBatch(TENANT, gw.id, seq, seq, clock.instant(), List.of(r)))).isZero();
    }

    static HttpResponse<String> send(String method, String token, String suffix, JsonObject body) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + node.httpPort()
                        + "/api/v1/bookings" + suffix))
                .header("Content-Type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body.encode()));
        if (token != null) b.header("Authorization", "Bearer " + token);
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    static HttpResponse<String> get(String token, String path) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + node.httpPort() + path)).GET();
        if (token != null) b.header("Authorization", "Bearer " + token);
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    static long count(String sql) throws SQLException {
        return Sql.count(pg.getPostgresDatabase(), sql);
    }

    static void waitUntil(String what, Callable<Boolean> condition) throws Exception {
        Sql.waitUntil(what, condition);
    }
}
