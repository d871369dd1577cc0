package fr.beffroi.ops.e2e;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Scenario (c): the edge agent, running as its own process, is killed with SIGKILL mid-stream while
 * batches are in flight, then started again as a new process on the same config and buffer file.
 * Every seq the buffer ever assigned ends up stored exactly once. (A reading the killed process
 * had read from the device but not yet appended got no seq: it was never produced.)
 */
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class EdgeSigkillIT {
    private static final String GATEWAY = "gw-salle-des-fetes";
    /** Exit status of a JVM killed by SIGKILL (128 + 9) and of one stopped by SIGTERM (128 + 15). */
    private static final int KILLED = 137;
    private static final int TERMINATED = 143;

    @TempDir
    Path dir;
    private Spine spine;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private Process agent;

    @BeforeEach
    void startSpine() throws Exception {
        spine = Spine.start(dir, 3, GATEWAY);
    }

    @AfterEach
    void stop() throws Exception {
        if (agent != null && agent.isAlive()) {
            agent.destroyForcibly();
            agent.waitFor(30, TimeUnit.SECONDS);
        }
        if (spine != null) spine.close();
    }

    @Test
    void anAgentKilledWithSigkillMidStreamAndRestartedStoresEverySeqExactlyOnce() throws Exception {
        // GIVEN an agent process polling three inverters fast and sending small batches, with its
        // metrics endpoint on, so that the test can see its batches in flight
        int metricsPort = freePort();
        Path config = spine.writeConfig(spine.gateway(GATEWAY, Duration.ofMillis(100), 20, Duration.ofSeconds(5)),
                "metrics:\n  host: 127.0.0.1\n  port: " + metricsPort + "\n");
        Path log = dir.resolve("agent.log");
        agent = spine.launchAgent(GATEWAY, config, log);
        await("readings stored from the first process").atMost(Spine.PATIENCE).pollInterval(Duration.ofMillis(200))
                .failFast("agent process exited", () -> !agent.isAlive())
                .until(() -> spine.stored(GATEWAY).rows() >= 500);

        // WHEN it is killed with SIGKILL at a moment its own metrics show batches in flight
        await("batches in flight").atMost(Spine.PATIENCE).pollInterval(Duration.ofMillis(10))
                .ignoreExceptionsInstanceOf(IOException.class)
                .until(() -> metric(metricsPort, "beffroi_edge_uplink_in_flight_batches") > 0);
        agent.destroyForcibly(); // SIGKILL on Linux: no shutdown hook, no close
        assertThat(agent.waitFor(30, TimeUnit.SECONDS)).as("killed process ended").isTrue();
        assertThat(agent.exitValue()).as("exit status: killed by SIGKILL, not exited\n" + tail(log))
                .isEqualTo(KILLED);
        Spine.Stored atKill = spine.stored(GATEWAY);

        // AND a new process starts on the same config and buffer file
        agent = spine.launchAgent(GATEWAY, config, log);

        // THEN it resumes forwarding above what the killed process had stored
        await("new process forwards").atMost(Spine.PATIENCE).pollInterval(Duration.ofMillis(200))
                .failFast("agent process exited", () -> !agent.isAlive())
                .until(() -> spine.stored(GATEWAY).rows() >= atKill.rows() + 300);

        // WHEN production ends (the simulator goes away, polls fail) and the buffer drains
        spine.stopSimulator();
        // Once every device has failed a poll, no reading read before the stop can still be appended.
        await("every device's polls failing").atMost(Spine.PATIENCE).pollInterval(Duration.ofMillis(200))
                .ignoreExceptionsInstanceOf(IOException.class)
                .failFast("agent process exited", () -> !agent.isAlive())
                .until(() -> failedPolls(metricsPort, "pv-1") > 0 && failedPolls(metricsPort, "pv-2") > 0
                        && failedPolls(metricsPort, "pv-3") > 0);
        await("buffer drained").atMost(Spine.PATIENCE).pollInterval(Duration.ofMillis(200))
                .ignoreExceptionsInstanceOf(IOException.class)
                .failFast("agent process exited", () -> !agent.isAlive())
                .until(() -> metric(metricsPort, "beffroi_edge_buffer_rows") == 0
                        && metric(metricsPort, "beffroi_edge_uplink_in_flight_batches") == 0);
        // AND the agent is stopped by SIGTERM, which closes it cleanly
        agent.destroy();
        assertThat(agent.waitFor(30, TimeUnit.SECONDS)).as("terminated process ended").isTrue();
        assertThat(agent.exitValue()).as("exit status after SIGTERM\n" + tail(log)).isEqualTo(TERMINATED);

        // THEN every seq the buffer ever assigned, 1..highestSeq, is stored exactly once
        Spine.BufferState buffer = spine.bufferState(GATEWAY);
        assertThat(buffer.size()).as("readings left unconfirmed in the buffer").isZero();
        assertThat(buffer.deadLettered()).as("readings the cloud refused").isZero();
        assertThat(buffer.highestSeq()).isGreaterThan(atKill.maxSeq());
        assertThat(spine.stored(GATEWAY)).isEqualTo(Spine.Stored.exactly(buffer.highestSeq()));
        assertThat(spine.summary(GATEWAY, buffer.highestSeq(), 0).clean()).isTrue();
    }

    /** Polls of one device that did not end "ok", from {@code beffroi_edge_polls_total{device=..,outcome=..}}. */
    private double failedPolls(int port, String device) throws IOException, InterruptedException {
        double failed = 0;
        for (String line : scrape(port)) {
            if (line.startsWith("beffroi_edge_polls_total{") && line.contains("device=\"" + device + "\"")
                    && !line.contains("outcome=\"ok\"")) {
                failed += Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
            }
        }
        return failed;
    }

    /** A sample without labels from the agent's Prometheus endpoint, e.g. {@code beffroi_edge_buffer_rows 12.0}. */
    private double metric(int port, String name) throws IOException, InterruptedException {
        for (String line : scrape(port)) {
            if (line.startsWith(name + " ")) return Double.parseDouble(line.substring(name.length() + 1).trim());
        }
        throw new IllegalStateException("metric " + name + " not exposed on port " + port);
    }

    private String[] scrape(int port) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/metrics"))
                .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
        return response.body().split("\n");
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    private static String tail(Path log) {
        try {
            List<String> lines = Files.readAllLines(log);
            return "agent log tail:\n" + String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
        } catch (IOException e) {
            return "agent log unreadable: " + e;
        }
    }
}
