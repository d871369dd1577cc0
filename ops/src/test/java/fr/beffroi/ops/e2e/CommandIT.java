package fr.beffroi.ops.e2e;

import fr.beffroi.edge.app.EdgeAgent;
import fr.beffroi.ingest.app.IngestConfig;
import fr.beffroi.ingest.app.IngestNode;
import fr.beffroi.ops.embed.EmbeddedDatabase;
import fr.beffroi.sim.face.modbus.BmsModbusServer;
import fr.beffroi.sim.model.building.BuildingConfig;
import fr.beffroi.sim.model.building.BuildingModel;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Commands end to end on loopback: an operator POSTs a command to the real ingest node over HTTP,
 * the ledger in a real PostgreSQL routes it to the gateway that sent the device's readings, the
 * MQTT downlink delivers it to a real edge agent, which writes it through its BMS driver to the
 * building simulator (Modbus TCP); the results come back and the audit trail shows every stage.
 */
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class CommandIT {
    private static final String TENANT = SchoolGateway.TENANT;
    private static final String GATEWAY = SchoolGateway.GATEWAY;
    private static final String DEVICE = SchoolGateway.DEVICE;
    private static final String ALICE = SchoolGateway.ALICE;
    /** The simulator's zone the commands move: zone2 on the wire, index 1 in the model. */
    private static final int ZONE2 = 1;

    @TempDir
    Path dir;
    private EmbeddedDatabase db;
    private BuildingModel school;
    private BmsModbusServer simulator;
    private IngestNode ingest;
    private EdgeAgent agent;
    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeEach
    void start() throws Exception {
        db = EmbeddedDatabase.start(null);
        school = BuildingModel.create(BuildingConfig.school(21), Clock.systemUTC(), 5000);
        simulator = BmsModbusServer.start("127.0.0.1", 0, Map.of(1, school));
        IngestConfig config = SchoolGateway.ingestConfig(db);
        ingest = IngestNode.start(config);
    }

    @AfterEach
    void stop() {
        if (agent != null) agent.close();
        if (ingest != null) ingest.close();
        if (simulator != null) simulator.close();
        if (db != null) db.close();
    }

    private EdgeAgent startAgent() throws Exception {
        agent = SchoolGateway.startAgent(dir, ingest.mqttPort(), simulator.port());
        return agent;
    }

    private void stopAgent() {
        agent.close();
        agent = null;
    }

    /** Runs the agent until the cloud has stored the device's readings, so it knows which gateway holds it. */
    private void agentSeenByTheCloud() throws Exception {
        startAgent();
        await("device located").atMost(Spine.PATIENCE).pollInterval(Duration.ofMillis(100))
                .until(() -> count("select count(*) from device_location where tenant = '" + TENANT
                        + "' and device = '" + DEVICE + "' and gateway = '" + GATEWAY + "'") == 1);
    }

    private HttpResponse<String> post(JsonObject body) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + ingest.httpPort() + "/api/v1/commands"))
                .header("Authorization", "Bearer " + ALICE).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body.encode())).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static JsonObject setpoint(String id, int zone, double celsius, String expiresIn) {
        return new JsonObject().put("id", id).put("device", DEVICE).put("point", "zone" + zone + ".setpoint")
                .put("value", celsius).put("expiresIn", expiresIn);
    }

    private double comfort(int zoneIndex) {
        return school.snapshot().zones().get(zoneIndex).comfortC();
    }

    private long count(String sql) throws SQLException {
        try (Connection c = db.dataSource().getConnection(); PreparedStatement s = c.prepareStatement(sql);
             ResultSet r = s.executeQuery()) {
            r.next();
            return r.getLong(1);
        }
    }

    private String status(String id) throws SQLException {
        try (Connection c = db.dataSource().getConnection();
             PreparedStatement s = c.prepareStatement("select status from command where id = ?")) {
            s.setString(1, id);
            try (ResultSet r = s.executeQuery()) {
                return r.next() ? r.getString(1) : null;
            }
        }
    }

    /** The audit trail of one command: its stages in the order recorded. */
    private List<String> audit(String id) throws SQLException {
        try (Connection c = db.dataSource().getConnection(); PreparedStatement s = c.prepareStatement(
                "select status from command_event where command_id = ? order by recorded_at, array_position("
                        + "array['ISSUED','SENT','ACCEPTED','EXECUTED','FAILED','EXPIRED'], status)")) {
            s.setString(1, id);
            List<String> out = new ArrayList<>();
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) out.add(r.getString(1));
            }
            return out;
        }
    }

    private String issuedBy(String id) throws SQLException {
        try (Connection c = db.dataSource().getConnection();
             PreparedStatement s = c.prepareStatement("select issued_by from command where id = ?")) {
            s.setString(1, id);
            try (ResultSet r = s.executeQuery()) {
                r.next();
                return r.getString(1);
            }
        }
    }

    @Test
    void aSetpointPostedOverHttpReachesTheBuildingAndIsAuditedAndExecutesOnce() throws Exception {
        // GIVEN a gateway the cloud has seen holding the school's BMS, zone2 at its default comfort
        agentSeenByTheCloud();
        assertThat(comfort(ZONE2)).isNotEqualTo(21.5);

        // WHEN an operator posts a setpoint command for zone2
        HttpResponse<String> posted = post(setpoint("cmd-zone2-21", 2, 21.5, "5m"));

        // THEN the simulated building's register changes, and the audit shows every stage
        assertThat(posted.statusCode()).as(posted.body()).isEqualTo(202);
        await("setpoint written").atMost(Spine.PATIENCE).pollInterval(Duration.ofMillis(100))
                .until(() -> comfort(ZONE2) == 21.5);
        await("executed and audited").atMost(Spine.PATIENCE).pollInterval(Duration.ofMillis(100))
                .until(() -> "EXECUTED".equals(status("cmd-zone2-21")));
        assertThat(audit("cmd-zone2-21")).containsExactly("ISSUED", "SENT", "ACCEPTED", "EXECUTED");
        assertThat(issuedBy("cmd-zone2-21")).isEqualTo("user:alice");

        // AND posting the same command again executes nothing: someone set the room back by hand,
        // and it stays as they set it
        school.setComfortSetpoint(ZONE2, 19);
        HttpResponse<String> again = post(setpoint("cmd-zone2-21", 2, 21.5, "5m"));
        assertThat(again.statusCode()).isEqualTo(202);
        assertThat(new JsonObject(again.body()).getString("status")).isEqualTo("EXECUTED");
        // a later command proves the link carried everything before it
        assertThat(post(setpoint("cmd-zone3-20", 3, 20, "5m")).statusCode()).isEqualTo(202);
        await("later command executed").atMost(Spine.PATIENCE).pollInterval(Duration.ofMillis(100))
                .until(() -> "EXECUTED".equals(status("cmd-zone3-20")));
        assertThat(comfort(ZONE2)).isEqualTo(19);
        assertThat(count("select count(*) from command_event where command_id = 'cmd-zone2-21'")).isEqualTo(4);
    }

    @Test
    void aCommandIssuedWhileTheGatewayIsAwayIsDeliveredWhenItComesBack() throws Exception {
        agentSeenByTheCloud();
        stopAgent();

        // WHEN a command is issued while the agent is stopped
        assertThat(post(setpoint("cmd-while-away", 2, 22, "5m")).statusCode()).isEqualTo(202);
        assertThat(status("cmd-while-away")).isEqualTo("ISSUED");

        // THEN it is delivered and executed once the agent is back
        startAgent();
        await("executed after reconnect").atMost(Spine.PATIENCE).pollInterval(Duration.ofMillis(100))
                .until(() -> "EXECUTED".equals(status("cmd-while-away")));
        assertThat(comfort(ZONE2)).isEqualTo(22);
        assertThat(audit("cmd-while-away")).containsExactly("ISSUED", "SENT", "ACCEPTED", "EXECUTED");
    }

    @Test
    void aCommandThatExpiresBeforeDeliveryIsMarkedExpiredAndNeverWritten() throws Exception {
        agentSeenByTheCloud();
        stopAgent();
        double before = comfort(ZONE2);

        // GIVEN a short-lived command issued while the agent is away
        assertThat(post(setpoint("cmd-too-late", 2, 23, "1s")).statusCode()).isEqualTo(202);

        // WHEN its expiry passes before the agent comes back
        await("expired").atMost(Spine.PATIENCE).pollInterval(Duration.ofMillis(100))
                .until(() -> "EXPIRED".equals(status("cmd-too-late")));
        startAgent();
        assertThat(post(setpoint("cmd-marker", 3, 20, "5m")).statusCode()).isEqualTo(202);
        await("marker executed").atMost(Spine.PATIENCE).pollInterval(Duration.ofMillis(100))
                .until(() -> "EXECUTED".equals(status("cmd-marker")));

        // THEN the expired command was never written, and its audit says why
        assertThat(comfort(ZONE2)).isEqualTo(before);
        assertThat(audit("cmd-too-late")).containsExactly("ISSUED", "EXPIRED");
    }
}
