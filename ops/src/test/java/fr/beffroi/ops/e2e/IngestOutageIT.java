package fr.beffroi.ops.e2e;

import fr.beffroi.edge.app.AgentStats;
import fr.beffroi.edge.app.EdgeAgent;
import fr.beffroi.ops.stack.Summary;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Scenario (b): the ingest node goes away for 30 s in the middle of the traffic and comes back on
 * the same MQTT port and database. The edge keeps polling into its buffer meanwhile and forwards
 * the backlog afterwards: nothing lost, nothing stored twice.
 */
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class IngestOutageIT {
    private static final String GATEWAY = "gw-ecole";
    private static final Duration OUTAGE = Duration.ofSeconds(30);

    @TempDir
    Path dir;
    private Spine spine;

    @BeforeEach
    void startSpine() throws Exception {
        spine = Spine.start(dir, 2, GATEWAY);
    }

    @AfterEach
    void stopSpine() {
        if (spine != null) spine.close();
    }

    @Test
    void anIngestOutageOfThirtySecondsDuringTrafficLosesAndDuplicatesNothing() throws Exception {
        EdgeAgent agent = spine.agent(spine.gateway(GATEWAY, Duration.ofMillis(150), 100, Duration.ofSeconds(5)));
        long produced;
        try {
            // GIVEN an agent whose readings flow into the database
            agent.start();
            await("readings stored before the outage").atMost(Spine.PATIENCE).pollInterval(Duration.ofMillis(200))
                    .until(() -> spine.stored(GATEWAY).rows() >= 300);

            // WHEN the ingest node stops during the traffic
            long outageStarted = System.nanoTime();
            spine.stopIngest();
            await("uplink sees the ingest gone").atMost(Spine.PATIENCE).pollInterval(Duration.ofMillis(50))
                    .until(() -> !agent.stats().connected());
            long bufferedAtStop = agent.stats().buffered();
            long storedAtStop = spine.stored(GATEWAY).rows();

            // THEN the edge keeps polling into its buffer while nothing reaches the database
            await("buffer grows during the outage").atMost(OUTAGE).pollInterval(Duration.ofMillis(200))
                    .until(() -> agent.stats().buffered() >= bufferedAtStop + 200);
            // The outage lasts its full length whatever the machine's speed: that is the scenario, not a wait.
            long left = OUTAGE.toNanos() - (System.nanoTime() - outageStarted);
            if (left > 0) TimeUnit.NANOSECONDS.sleep(left);
            AgentStats duringOutage = agent.stats();
            assertThat(duringOutage.connected()).as("uplink connected while the ingest is down").isFalse();
            assertThat(duringOutage.buffered()).as("buffered at the end of the outage")
                    .isGreaterThan(bufferedAtStop + 200);
            assertThat(spine.stored(GATEWAY).rows()).as("rows stored while the ingest was down").isEqualTo(storedAtStop);

            // WHEN the ingest node comes back on the same port and database
            spine.startIngest();
            long backlog = duringOutage.buffered();

            // THEN the agent reconnects and the backlog drains while polling goes on ...
            // (the buffer can be nearly empty while the last readings of the outage are still in flight:
            // the check waits for both, it does not take one as a sign of the other)
            await("backlog forwarded").atMost(Spine.PATIENCE).pollInterval(Duration.ofMillis(200))
                    .until(() -> agent.stats().connected() && agent.stats().buffered() < backlog / 10
                            && spine.stored(GATEWAY).maxSeq() >= duringOutage.produced());
            // ... and to exactly 0 once polling stops
            agent.stopPolling();
            await("buffer drained to 0").atMost(Spine.PATIENCE).pollInterval(Duration.ofMillis(100)).until(() -> {
                AgentStats s = agent.stats();
                return s.buffered() == 0 && s.inFlightBatches() == 0;
            });
            AgentStats end = agent.stats();
            produced = end.produced();
            assertThat(end.rejected()).as("readings the cloud refused").isZero();
            assertThat(end.refused()).as("readings refused by a full buffer").isZero();
        } finally {
            agent.close();
        }

        // AND every seq 1..produced is stored exactly once
        assertThat(spine.summary(GATEWAY, produced, 0)).isEqualTo(new Summary(produced, produced, 0, 0));
        assertThat(spine.stored(GATEWAY)).isEqualTo(Spine.Stored.exactly(produced));
        assertThat(spine.bufferState(GATEWAY)).isEqualTo(new Spine.BufferState(produced, 0, 0));
    }
}
