package fr.beffroi.edge.app;

import fr.beffroi.edge.buffer.WhenFull;
import fr.beffroi.edge.driver.access.AllowListPolicy;
import fr.beffroi.edge.rules.RuleActions;
import fr.beffroi.edge.testing.CloudResponder;
import fr.beffroi.edge.testing.Mosquitto;
import fr.beffroi.edge.testing.MutableClock;
import fr.beffroi.profiles.wire.Reading;
import fr.beffroi.sim.face.modbus.BmsModbusServer;
import fr.beffroi.sim.model.building.BuildingConfig;
import fr.beffroi.sim.model.building.BuildingModel;
import fr.beffroi.sim.model.building.ZoneSnapshot;
import fr.beffroi.sim.time.LeapClock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The edge rules end to end: an agent polling the simulated school (Modbus TCP on 127.0.0.1) with a
 * presence rule ({@code for: 10m}) while the broker is DOWN; the agent restarts in the middle of
 * the ten minutes; the second agent turns the zone's light on through the driver, locally; once
 * the broker is up the {@code ruleCommand} audit event reaches the cloud. The agent's clock is a
 * test clock (frozen between leaps): the {@code for:} deadline falls by a leap, not by waiting.
 */
class EdgeRulesIT {
    private static final int UNIT_ID = 1;
    /** A Tuesday, 10:00 in Paris: lessons on. */
    private static final Instant START = Instant.parse("2027-01-12T09:00:00Z");

    @TempDir
    Path dir;

    @Test
    void presenceLightsTheZoneLocallyWithTheBrokerDownAcrossARestartAndTheAuditReachesTheCloudLater()
            throws Exception {
        LeapClock buildingClock = LeapClock.at(START);
        BuildingModel school = BuildingModel.create(BuildingConfig.school(21), buildingClock, 5000);
        int zone = occupiedDarkZone(school.snapshot().zones());
        Path rules = dir.resolve("liancourt.yaml");
        Files.writeString(rules, """
                tenant: liancourt
                rules:
                  - id: class-lights
                    runs: edge
                    inputs: {presence: {device: bms-ecole, point: zone%1$d.presence}}
                    if: "presence > 0.0"
                    for: 10m
                    then: [ {command: {device: bms-ecole, point: zone%1$d.light1, value: 1, expires: 2m}} ]
                  - id: cloud-side
                    inputs: {presence: {device: bms-ecole, point: zone%1$d.presence}}
                    if: "presence > 0.0"
                    then: [ {command: {device: bms-ecole, point: zone%1$d.light2, value: 1, expires: 2m}} ]
                """.formatted(zone));
        MutableClock clock = new MutableClock(START);

        try (BmsModbusServer server = BmsModbusServer.start("127.0.0.1", 0, Map.of(UNIT_ID, school));
             Mosquitto broker = Mosquitto.start(dir)) {
            broker.kill(); // the village's link is down from the start
            AgentConfig config = config(broker.url(), server.port(), rules);

            try (EdgeAgent first = agent(config, clock)) {
                first.start();
                await().atMost(Duration.ofSeconds(30)).until(() -> forTimerStarted(dir.resolve("rule-state.db")));
            }
            assertThat(lights(school, zone)).isFalse();

            clock.advance(Duration.ofMinutes(10));
            buildingClock.leap(Duration.ofMinutes(10));
            try (EdgeAgent second = agent(config, clock)) {
                second.start();
                await().atMost(Duration.ofSeconds(30)).until(() -> lights(school, zone));
                assertThat(second.stats().connected()).isFalse();
                // The simulator sees the write before the agent counts it: wait for the count, then check it is one.
                await().atMost(Duration.ofSeconds(30))
                        .until(() -> second.ruleActions("command", RuleActions.Outcome.EXECUTED) >= 1);
                assertThat(second.ruleActions("command", RuleActions.Outcome.EXECUTED)).isEqualTo(1);
                assertThat(school.snapshot().zones().get(zone - 1).light2()).as("a cloud rule does not run here").isFalse();

                broker.startProcess();
                try (CloudResponder cloud = new CloudResponder(broker.url(), "liancourt", "gw-ecole")) {
                    // The agent may reconnect and publish before the responder subscribed: the broker then
                    // drops the batch, and only the ack timeout resends it. The agent's clock is ours, so
                    // time is moved on past that timeout while waiting (a frozen clock never resent: a
                    // 60 s hang, seen once in a full verify).
                    await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).until(() -> {
                        if (audit(cloud).isPresent()) return true;
                        clock.advance(Duration.ofSeconds(6));
                        return false;
                    });
                    Reading event = audit(cloud).orElseThrow();
                    assertThat(event.device()).isEqualTo("gw-ecole");
                    assertThat(event.ts()).isEqualTo(START.plus(Duration.ofMinutes(10)));
                    assertThat(event.attrs()).containsEntry("rule", "class-lights").containsEntry("outcome", "EXECUTED")
                            .containsEntry("device", "bms-ecole").containsEntry("point", "zone" + zone + ".light1");
                }
            }
        }
    }

    private static int occupiedDarkZone(List<ZoneSnapshot> zones) {
        for (int i = 0; i < zones.size(); i++) {
            if (zones.get(i).presence() && !zones.get(i).light1() && !zones.get(i).light2()) return i + 1;
        }
        throw new IllegalStateException("no occupied zone with its lights off in the simulated school: " + zones);
    }

    private static boolean lights(BuildingModel school, int zone) {
        return school.snapshot().zones().get(zone - 1).light1();
    }

    private static Optional<Reading> audit(CloudResponder cloud) {
        return cloud.received.stream().flatMap(b -> b.readings().stream())
                .filter(r -> r.point().equals(RuleActions.COMMAND_EVENT)).findFirst();
    }

    private static boolean forTimerStarted(Path stateFile) throws Exception {
        if (!Files.exists(stateFile)) return false;
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + stateFile);
             PreparedStatement ps = c.prepareStatement("SELECT state FROM rule_state WHERE rule_id = 'class-lights'")) {
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() && rs.getString(1).contains("trueSince\":\"");
            }
        }
    }

    private AgentConfig config(String brokerUrl, int port, Path rules) {
        BufferConfig buffer = new BufferConfig(dir.resolve("buffer.db"), 100_000, WhenFull.REFUSE_NEW);
        return new AgentConfig(new GatewayConfig("gw-ecole", "liancourt"),
                new UplinkConfig(brokerUrl, "gw-ecole", Optional.empty(), 100, 2, Duration.ofSeconds(5),
                        Duration.ofMillis(100), Duration.ofSeconds(1), Duration.ofHours(1)),
                buffer, new MetricsConfig("127.0.0.1", 0),
                List.of(new DeviceConfig("bms-ecole", "bms-modbus-tcp", new DeviceAddress.Tcp("127.0.0.1", port, UNIT_ID),
                        Duration.ofMillis(300), Duration.ofSeconds(2))),
                new GpioConfig(Optional.empty()), CommandsConfig.besides(buffer.path()),
                new RulesConfig(Optional.of(rules), dir.resolve("rule-state.db")), AccessConfig.besides(buffer.path()));
    }

    private static EdgeAgent agent(AgentConfig config, MutableClock clock) {
        AllowListPolicy access = new AllowListPolicy();
        return new EdgeAgent(config, new DefaultDriverFactory(clock, config.gpio(), access), access, clock, name -> null);
    }
}
