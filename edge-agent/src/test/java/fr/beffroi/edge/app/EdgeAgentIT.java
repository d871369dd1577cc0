package fr.beffroi.edge.app;

import fr.beffroi.edge.buffer.WhenFull;
import fr.beffroi.edge.driver.DeviceDriver;
import fr.beffroi.edge.driver.DeviceException;
import fr.beffroi.edge.health.DeviceStatus;
import fr.beffroi.edge.testing.CloudResponder;
import fr.beffroi.edge.testing.Mosquitto;
import fr.beffroi.edge.testing.Readings;
import fr.beffroi.profiles.wire.Reading;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The composition root end to end: fake devices, real buffer, real broker, a responder as the cloud. */
class EdgeAgentIT {
    @TempDir
    Path dir;

    @Test
    void pollsBuffersSendsAndDeletesOnlyWhatTheCloudCommitted() throws Exception {
        try (Mosquitto broker = Mosquitto.start(dir)) {
            AgentConfig config = new AgentConfig(new GatewayConfig("gw-e2e", "liancourt"),
                    new UplinkConfig(broker.url(), "gw-e2e", Optional.of(PasswordSource.fromEnv("MQTT_PW")), 50, 2,
                            Duration.ofSeconds(5), Duration.ofMillis(100), Duration.ofSeconds(1), Duration.ofHours(1)),
                    new BufferConfig(dir.resolve("buffer.db"), 100_000, WhenFull.REFUSE_NEW),
                    new MetricsConfig("127.0.0.1", 0),
                    List.of(new DeviceConfig("inv-ok", "fake", new DeviceAddress.Tcp("127.0.0.1", 502, 1), Duration.ofMillis(100), Duration.ofSeconds(1)),
                            new DeviceConfig("inv-dead", "fake", new DeviceAddress.Tcp("127.0.0.1", 502, 1), Duration.ofMillis(100), Duration.ofSeconds(1))));
            DriverFactory fakes = (d, ctx) -> new DeviceDriver() {
                @Override
                public String deviceId() {
                    return d.id();
                }

                @Override
                public List<Reading> poll() throws DeviceException {
                    if (d.id().equals("inv-dead")) throw new DeviceException(DeviceException.Kind.UNREACHABLE, "no answer");
                    return Readings.of(d.id(), 3, Instant.now());
                }

                @Override
                public void close() {
                }
            };

            try (CloudResponder cloud = new CloudResponder(broker.url(), "liancourt", "gw-e2e");
                 EdgeAgent agent = new EdgeAgent(config, fakes, Clock.systemUTC(), Map.of("MQTT_PW", "unused")::get)) {
                agent.start();

                await().atMost(Duration.ofSeconds(30)).until(() -> agent.stats().confirmed() >= 30);
                AgentStats stats = agent.stats();
                assertThat(stats.connected()).isTrue();
                assertThat(stats.produced()).isGreaterThanOrEqualTo(stats.confirmed());
                assertThat(stats.rejected()).isZero();
                assertThat(cloud.received).allSatisfy(b -> assertThat(b.problems()).isEmpty());
                assertThat(agent.health()).anySatisfy(h -> {
                    assertThat(h.deviceId()).isEqualTo("inv-dead");
                    assertThat(h.status()).isEqualTo(DeviceStatus.OFFLINE);
                    assertThat(h.kind()).isEqualTo(DeviceException.Kind.UNREACHABLE);
                });
            }
        }
    }

    @Test
    void mainRefusesABadConfigListingEveryProblemWithExitCode2() throws Exception {
        Path yaml = dir.resolve("gateway.yaml");
        Files.writeString(yaml, """
                gateway: {id: gw1}
                uplink: {url: "tcp://127.0.0.1:1883", ackTimeout: 0s}
                buffer: {path: b.db}
                colour: blue
                """);
        Process main = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), EdgeAgentMain.class.getName(), "--config", yaml.toString())
                .redirectErrorStream(true).start();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        main.getInputStream().transferTo(out);
        assertThat(main.waitFor(30, TimeUnit.SECONDS)).isTrue();

        assertThat(main.exitValue()).isEqualTo(2);
        assertThat(out.toString(StandardCharsets.UTF_8))
                .contains("gateway.tenant: required", "uplink.ackTimeout: must be > 0", "colour: unknown key");
    }
}
