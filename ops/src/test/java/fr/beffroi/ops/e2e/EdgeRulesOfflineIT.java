package fr.beffroi.ops.e2e;

import fr.beffroi.edge.app.ConfigLoader;
import fr.beffroi.edge.app.DefaultDriverFactory;
import fr.beffroi.edge.app.EdgeAgent;
import fr.beffroi.edge.rules.RuleActions;
import fr.beffroi.ingest.app.IngestConfig;
import fr.beffroi.ingest.app.IngestNode;
import fr.beffroi.ingest.auth.SecretHash;
import fr.beffroi.ops.embed.EmbeddedDatabase;
import fr.beffroi.sim.face.modbus.BmsModbusServer;
import fr.beffroi.sim.model.building.BuildingConfig;
import fr.beffroi.sim.model.building.BuildingModel;
import fr.beffroi.sim.model.building.ZoneSnapshot;
import fr.beffroi.sim.time.LeapClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Edge rules with the cloud away, on loopback: a real agent loaded from YAML with the tenant's rule
 * file polls the simulated school (Modbus TCP); the ingest node is not running. The presence rule
 * turns the occupied zone's light on through the BMS driver, locally. When the ingest starts on
 * the port the agent was trying, the rule's {@code ruleCommand} audit event is stored in
 * PostgreSQL with its attributes.
 */
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class EdgeRulesOfflineIT {
    private static final String TENANT = Spine.TENANT;
    private static final String GATEWAY = "gw-ecole";
    private static final String GATEWAY_SECRET = "gateway-secret-for-the-school";
    /** A Tuesday, 10:00 in Paris: lessons on in the simulated school. */
    private static final Instant LESSONS = Instant.parse("2027-01-12T09:00:00Z");

    @TempDir
    Path dir;
    private EmbeddedDatabase db;
    private BmsModbusServer simulator;
    private IngestNode ingest;
    private EdgeAgent agent;

    @AfterEach
    void stop() {
        if (agent != null) agent.close();
        if (ingest != null) ingest.close();
        if (simulator != null) simulator.close();
        if (db != null) db.close();
    }

    @Test
    void thePresenceRuleLightsTheZoneWithTheCloudAwayAndItsAuditArrivesLater() throws Exception {
        db = EmbeddedDatabase.start(null);
        BuildingModel school = BuildingModel.create(BuildingConfig.school(21), LeapClock.at(LESSONS), 5000);
        simulator = BmsModbusServer.start("127.0.0.1", 0, Map.of(1, school));
        int zone = occupiedDarkZone(school.snapshot().zones());
        int mqttPort = freePort();
        Path rules = dir.resolve("liancourt.yaml");
        Files.writeString(rules, """
                tenant: %s
                rules:
                  - id: presence-lights
                    runs: edge
                    inputs: {presence: {device: bms-ecole, point: zone%d.presence}}
                    if: "presence > 0.0"
                    then: [ {command: {device: bms-ecole, point: zone%d.light1, value: 1, expires: 2m}} ]
                """.formatted(TENANT, zone, zone));
        Path file = dir.resolve("gateway.yaml");
        Files.writeString(file, """
                gateway: { id: %s, tenant: %s }
                uplink:
                  url: tcp://127.0.0.1:%d
                  password: { env: BEFFROI_E2E_MQTT_PASSWORD }
                  ackTimeout: 5s
                  reconnect: { backoffMin: 100ms, backoffMax: 1s }
                buffer: { path: %s }
                rules: { file: %s }
                devices:
                  - { id: bms-ecole, driver: bms-modbus-tcp, host: 127.0.0.1, port: %d, unitId: 1, pollInterval: 200ms, timeout: 2s }
                """.formatted(GATEWAY, TENANT, mqttPort, dir.resolve("buffer.db"), rules, simulator.port()));
        agent = new EdgeAgent(ConfigLoader.load(file), new DefaultDriverFactory(Clock.systemUTC()), Clock.systemUTC(),
                name -> "BEFFROI_E2E_MQTT_PASSWORD".equals(name) ? GATEWAY_SECRET : null);
        agent.start();

        await("light on, locally").atMost(Spine.PATIENCE).pollInterval(Duration.ofMillis(100))
                .until(() -> school.snapshot().zones().get(zone - 1).light1());
        assertThat(agent.stats().connected()).isFalse();
        // The simulator sees the write before the agent counts it: wait for the count, then check it is one.
        await("the rule's command counted").atMost(Spine.PATIENCE).pollInterval(Duration.ofMillis(50))
                .until(() -> agent.ruleActions("command", RuleActions.Outcome.EXECUTED) >= 1);
        assertThat(agent.ruleActions("command", RuleActions.Outcome.EXECUTED)).isEqualTo(1);

        ingest = IngestNode.start(IngestConfig.of(IngestConfig.Jdbc.of(db.jdbcUrl(), EmbeddedDatabase.USER,
                        EmbeddedDatabase.USER),
                        List.of(new IngestConfig.GatewayEntry(GATEWAY, TENANT, SecretHash.of(GATEWAY_SECRET, 1_000))))
                .withMqtt(IngestConfig.Mqtt.loopback(mqttPort)));
        await("audit stored").atMost(Spine.PATIENCE).pollInterval(Duration.ofMillis(200))
                .until(() -> audit().length() > 0);
        assertThat(audit()).contains("\"rule\": \"presence-lights\"", "\"outcome\": \"EXECUTED\"",
                "\"point\": \"zone" + zone + ".light1\"", "\"device\": \"bms-ecole\"");
    }

    /** The attrs of the rule's audit events stored in the cloud, as text. */
    private String audit() throws Exception {
        try (Connection c = db.dataSource().getConnection(); PreparedStatement s = c.prepareStatement(
                "select string_agg(attrs::text, ';') from reading where tenant = ? and device = ? and point = ?")) {
            s.setString(1, TENANT);
            s.setString(2, GATEWAY);
            s.setString(3, RuleActions.COMMAND_EVENT);
            try (ResultSet r = s.executeQuery()) {
                r.next();
                String v = r.getString(1);
                return v == null ? "" : v;
            }
        }
    }

    private static int occupiedDarkZone(List<ZoneSnapshot> zones) {
        for (int i = 0; i < zones.size(); i++) {
            if (zones.get(i).presence() && !zones.get(i).light1()) return i + 1;
        }
        throw new IllegalStateException("no occupied zone with its light off in the simulated school: " + zones);
    }

    private static int freePort() throws Exception {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }
}
