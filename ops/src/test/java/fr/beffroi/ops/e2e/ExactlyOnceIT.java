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
 * Scenario (a), the happy path: simulator → edge agent → ingest → PostgreSQL stores every reading
 * exactly once, for several inverters polled fast on one simulator.
 */
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class ExactlyOnceIT {
    private static final String GATEWAY = "gw-mairie";
    private static final int INVERTERS = 3;

    @TempDir
    Path dir;
    private Spine spine;

    @BeforeEach
    void startSpine() throws Exception {
        spine = Spine.start(dir, INVERTERS, GATEWAY);
    }

    @AfterEach
    void stopSpine() {
        if (spine != null) spine.close();
    }

    @Test
    void everyReadingOfSeveralInvertersIsStoredExactlyOnce() throws Exception {
        // GIVEN three inverters (unit ids 1..3) on one simulator, polled every 150 ms by a real agent
        // sending small batches, so that many batches are in flight and acknowledged
        EdgeAgent agent = spine.agent(spine.gateway(GATEWAY, Duration.ofMillis(150), 100, Duration.ofSeconds(5)));
        long produced;
        try {
            agent.start();

            // WHEN it runs until some 1,500 readings have gone through the whole chain ...
            await("readings stored").atMost(Spine.PATIENCE).pollInterval(Duration.ofMillis(200))
                    .until(() -> spine.stored(GATEWAY).rows() >= 1_500);
            // ... and is then drained: polling stops, the uplink forwards what is left
            agent.stopPolling();
            await("buffer drained").atMost(Spine.PATIENCE).pollInterval(Duration.ofMillis(100)).until(() -> {
                AgentStats s = agent.stats();
                return s.buffered() == 0 && s.inFlightBatches() == 0;
            });
            AgentStats stats = agent.stats();
            produced = stats.produced();
            assertThat(stats.rejected()).as("readings the cloud refused").isZero();
            assertThat(stats.refused()).as("readings refused by a full buffer").isZero();
            assertThat(stats.confirmed()).as("readings confirmed by the cloud").isEqualTo(produced);
        } finally {
            agent.close();
        }

        // THEN the database holds seqs 1..produced, each exactly once, from every inverter
        assertThat(produced).isGreaterThanOrEqualTo(1_500);
        assertThat(spine.summary(GATEWAY, produced, 0)).isEqualTo(new Summary(produced, produced, 0, 0));
        assertThat(spine.stored(GATEWAY)).isEqualTo(Spine.Stored.exactly(produced));
        assertThat(spine.storedDevices(GATEWAY)).containsExactly("pv-1", "pv-2", "pv-3");
        // and the gateway's own count agrees: it numbered exactly what was stored and holds nothing back
        assertThat(spine.bufferState(GATEWAY)).isEqualTo(new Spine.BufferState(produced, 0, 0));
    }
}
