package fr.beffroi.ops.e2e;

import fr.beffroi.edge.app.ConfigLoader;
import fr.beffroi.edge.app.DefaultDriverFactory;
import fr.beffroi.edge.app.EdgeAgent;
import fr.beffroi.ingest.app.IngestConfig;
import fr.beffroi.ingest.auth.SecretHash;
import fr.beffroi.ops.embed.EmbeddedDatabase;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

/**
 * The school's gateway polling its simulated BMS over Modbus TCP, and the ingest it reports to with
 * one operator, as the command and booking end-to-end tests run them.
 */
final class SchoolGateway {
    static final String TENANT = Spine.TENANT;
    static final String GATEWAY = "gw-ecole";
    static final String DEVICE = "bms-ecole";
    static final String ALICE = "alice:operator-token-of-alice";
    private static final String SECRET = "gateway-secret-for-the-school";
    private static final String PASSWORD_ENV = "BEFFROI_E2E_MQTT_PASSWORD";
    private static final int ITERATIONS = 1_000;

    private SchoolGateway() {
    }

    /** This gateway, operator alice, commands swept every 200 ms. */
    static IngestConfig ingestConfig(EmbeddedDatabase db) {
        return IngestConfig.of(IngestConfig.Jdbc.of(db.jdbcUrl(), EmbeddedDatabase.USER, EmbeddedDatabase.USER),
                        List.of(new IngestConfig.GatewayEntry(GATEWAY, TENANT, SecretHash.of(SECRET, ITERATIONS))))
                .withUsers(List.of(new IngestConfig.UserEntry("alice", TENANT, SecretHash.of(ALICE, ITERATIONS),
                        IngestConfig.Role.OPERATOR)))
                .withCommands(new IngestConfig.Commands(Duration.ofMillis(200), Duration.ofDays(1)));
    }

    /** A real agent polling the BMS every 200 ms, loaded from YAML as a gateway would be, started. */
    static EdgeAgent startAgent(Path dir, int mqttPort, int bmsPort) throws Exception {
        Path file = dir.resolve("gateway.yaml");
        Files.writeString(file, """
                gateway: { id: %s, tenant: %s }
                uplink:
                  url: tcp://127.0.0.1:%d
                  password: { env: %s }
                  ackTimeout: 5s
                  reconnect: { backoffMin: 100ms, backoffMax: 1s }
                buffer: { path: %s }
                commands: { log: %s, resendAfter: 5s }
                devices:
                  - { id: %s, driver: bms-modbus-tcp, host: 127.0.0.1, port: %d, unitId: 1, pollInterval: 200ms, timeout: 2s }
                """.formatted(GATEWAY, TENANT, mqttPort, PASSWORD_ENV, dir.resolve("buffer.db"),
                dir.resolve("commands.db"), DEVICE, bmsPort));
        EdgeAgent agent = new EdgeAgent(ConfigLoader.load(file), new DefaultDriverFactory(Clock.systemUTC()),
                Clock.systemUTC(), name -> PASSWORD_ENV.equals(name) ? SECRET : null);
        agent.start();
        return agent;
    }
}
