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
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A booking heats a building end to end on loopback: an operator books the school's hall over HTTP,
 * the cloud rules engine of the real ingest node fires its booking rule, the command goes through
 * the ledger and the MQTT downlink to a real edge agent, which writes the setpoint through its BMS
 * driver to the building simulator (Modbus TCP). The audit says the rule issued it.
 */
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class BookingHeatsIT {
    private static final String TENANT = SchoolGateway.TENANT;
    private static final String GATEWAY = SchoolGateway.GATEWAY;
    private static final String DEVICE = SchoolGateway.DEVICE;
    private static final String ALICE = SchoolGateway.ALICE;
    /** zone2 on the wire, index 1 in the model. */
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
        Path rules = Files.createDirectories(dir.resolve("rules"));
        Files.writeString(rules.resolve(TENANT + ".yaml"), """
                tenant: liancourt
                rules:
                  - id: hall-warm-up
                    when: [ {booking: {room: preau, at: start, offset: -2h}} ]
                    then: [ {command: {device: bms-ecole, point: zone2.setpoint, value: 20.5, expires: 15m}} ]
                """);
        IngestConfig config = SchoolGateway.ingestConfig(db)
                .withRules(new IngestConfig.Rules(rules, Duration.ofMillis(200)));
        ingest = IngestNode.start(config);
    }

    @AfterEach
    void stop() {
        if (agent != null) agent.close();
        if (ingest != null) ingest.close();
        if (simulator != null) simulator.close();
        if (db != null) db.close();
    }

    private void startAgent() throws Exception {
        agent = SchoolGateway.startAgent(dir, ingest.mqttPort(), simulator.port());
    }

    private long count(String sql) throws SQLException {
        try (Connection c = db.dataSource().getConnection(); PreparedStatement s = c.prepareStatement(sql);
             ResultSet r = s.executeQuery()) {
            r.next();
            return r.getLong(1);
        }
    }

    @Test
    void aBookingWithinItsWarmUpWindowSetsTheHallSetpointThroughTheEdge() throws Exception {
        // GIVEN the school's gateway seen by the cloud, zone2 not at 20.5
        startAgent();
        await("device located").atMost(Spine.PATIENCE).pollInterval(Duration.ofMillis(100))
                .until(() -> count("select count(*) from device_location where device = '" + DEVICE + "'") == 1);
        assertThat(school.snapshot().zones().get(ZONE2).comfortC()).isNotEqualTo(20.5);

        // WHEN the hall is booked to start in one hour: its warm-up instant (start - 2h) is already past
        Instant start = Instant.now().plus(Duration.ofHours(1)).truncatedTo(ChronoUnit.MINUTES);
        HttpResponse<String> booked = http.send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + ingest.httpPort() + "/api/v1/bookings"))
                .header("Authorization", "Bearer " + ALICE).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(new JsonObject().put("room", "preau")
                        .put("start", start.toString()).put("end", start.plus(Duration.ofHours(2)).toString())
                        .put("code", "2468").encode())).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(booked.statusCode()).as(booked.body()).isEqualTo(201);

        // THEN the rule fires at once, the building gets the setpoint, and the audit names the rule
        await("setpoint written").atMost(Spine.PATIENCE).pollInterval(Duration.ofMillis(100))
                .until(() -> school.snapshot().zones().get(ZONE2).comfortC() == 20.5);
        await("executed").atMost(Spine.PATIENCE).pollInterval(Duration.ofMillis(100))
                .until(() -> count("select count(*) from command where issued_by = 'rule:hall-warm-up'"
                        + " and status = 'EXECUTED'") == 1);
    }
}
