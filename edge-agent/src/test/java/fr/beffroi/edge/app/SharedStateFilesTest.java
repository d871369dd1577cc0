package fr.beffroi.edge.app;

import fr.beffroi.edge.buffer.WhenFull;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Two gateways on one host must not share the state files that default beside the buffer. */
class SharedStateFilesTest {
    @TempDir
    Path dir;

    private static AgentConfig config(String gateway, Path buffer) {
        // Nothing listens on port 1: the uplink keeps retrying in the background, start() does not wait for it.
        return new AgentConfig(new GatewayConfig(gateway, "liancourt"),
                new UplinkConfig("tcp://127.0.0.1:1", gateway, Optional.empty(), 50, 2, Duration.ofSeconds(5),
                        Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofHours(1)),
                new BufferConfig(buffer, 1_000, WhenFull.REFUSE_NEW), new MetricsConfig("127.0.0.1", 0), List.of());
    }

    private static EdgeAgent agent(AgentConfig config) {
        return new EdgeAgent(config, (d, ctx) -> {
            throw new IllegalStateException("no devices");
        }, Clock.systemUTC(), name -> null);
    }

    @Test
    void aSecondGatewayWhoseBufferSharesTheFolderIsRefusedNamingEachSharedFile() throws Exception {
        try (EdgeAgent first = agent(config("gw-a", dir.resolve("a.db")))) {
            first.start();
            try (EdgeAgent second = agent(config("gw-b", dir.resolve("b.db")))) {
                assertThatThrownBy(second::start).isInstanceOf(ConfigException.class)
                        .satisfies(e -> assertThat(((ConfigException) e).problems()).hasSize(2))
                        .hasMessageContaining("commands.log: " + dir.resolve("commands.db").toAbsolutePath()
                                + " belongs to gateway liancourt/gw-a, not to this gateway liancourt/gw-b")
                        .hasMessageContaining("access.store: " + dir.resolve("access.db").toAbsolutePath());
            }
        }
        // Stopped or not, the first gateway's files stay its own; its own restart is welcome.
        assertThatThrownBy(() -> agent(config("gw-b", dir.resolve("b.db"))).start()).isInstanceOf(ConfigException.class);
        try (EdgeAgent again = agent(config("gw-a", dir.resolve("a.db")))) {
            again.start();
        }
    }

    @Test
    void gatewaysInFoldersOfTheirOwnStartSideBySide() throws Exception {
        try (EdgeAgent a = agent(config("gw-a", dir.resolve("a/buffer.db")));
             EdgeAgent b = agent(config("gw-b", dir.resolve("b/buffer.db")))) {
            a.start();
            b.start();
        }
    }
}
