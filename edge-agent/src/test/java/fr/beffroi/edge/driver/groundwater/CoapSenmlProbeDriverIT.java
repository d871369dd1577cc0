package fr.beffroi.edge.driver.groundwater;

import fr.beffroi.edge.driver.DeviceException;
import fr.beffroi.edge.driver.DeviceException.Kind;
import fr.beffroi.profiles.wire.Reading;
import fr.beffroi.sim.face.coap.GroundwaterCoapServer;
import fr.beffroi.sim.model.groundwater.AquiferConfig;
import fr.beffroi.sim.model.groundwater.AquiferModel;
import fr.beffroi.sim.model.groundwater.ProbeSample;
import fr.beffroi.sim.time.LeapClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

/** The CoAP driver against the simulated probe on 127.0.0.1 (UDP), Californium at both ends. */
class CoapSenmlProbeDriverIT {

    private static final Duration TIMEOUT = Duration.ofMillis(1500);

    private final LeapClock clock = LeapClock.at(Instant.parse("2026-03-21T12:00:30Z"));
    private final AquiferModel model = new AquiferModel(AquiferConfig.plateau(42), clock);
    private GroundwaterCoapServer server = GroundwaterCoapServer.start("127.0.0.1", 0, "00817X0145", model);
    private CoapSenmlProbeDriver driver;

    @AfterEach
    void tearDown() {
        if (driver != null) {
            driver.close();
        }
        server.close();
    }

    private static double value(List<Reading> readings, String point) {
        return readings.stream().filter(r -> r.point().equals(point)).findFirst().orElseThrow().value();
    }

    @Test
    void getReadsTheSimulatedSampleThroughSenml() throws Exception {
        driver = new CoapSenmlProbeDriver("piezo-cuvilly", server.uri(), TIMEOUT, clock);
        ProbeSample sample = model.snapshot();

        List<Reading> readings = driver.poll();

        assertThat(readings).extracting(Reading::point).containsExactlyInAnyOrder("level", "depth", "temp", "battery");
        assertThat(readings).allSatisfy(r -> assertThat(r.ts()).isEqualTo(sample.time()));
        assertThat(value(readings, "level")).isCloseTo(sample.levelM(), within(0.0005));
        assertThat(value(readings, "depth")).isCloseTo(sample.depthM(), within(0.0005));
        assertThat(value(readings, "temp")).isCloseTo(sample.temperature(), within(0.005));
        assertThat(value(readings, "battery")).isCloseTo(sample.batteryPct(), within(0.05));
    }

    @Test
    void observedSamplesBetweenPollsArriveWithTheNextPoll() throws Exception {
        driver = new CoapSenmlProbeDriver("piezo-cuvilly", server.uri(), TIMEOUT, true, clock);
        assertThat(driver.poll()).hasSize(4);
        await().atMost(Duration.ofSeconds(10)).until(() -> server.observerCount() == 1);

        clock.leap(Duration.ofHours(1));
        server.checkForNewSample();
        await().atMost(Duration.ofSeconds(10)).until(() -> driver.queuedReadings() == 4);
        clock.leap(Duration.ofHours(1));
        server.checkForNewSample();
        await().atMost(Duration.ofSeconds(10)).until(() -> driver.queuedReadings() == 8);

        List<Reading> next = driver.poll();

        assertThat(next).hasSize(8);
        assertThat(next).filteredOn(r -> r.point().equals("level")).extracting(Reading::ts)
                .containsExactly(Instant.parse("2026-03-21T13:00:00Z"), Instant.parse("2026-03-21T14:00:00Z"));
    }

    @Test
    void corruptPayloadIsProtocol() {
        driver = new CoapSenmlProbeDriver("piezo-cuvilly", server.uri(), TIMEOUT, clock);
        server.setCorruptPayloads(true);

        DeviceException e = catchThrowableOfType(DeviceException.class, driver::poll);

        assertThat(e.kind()).isEqualTo(Kind.PROTOCOL);
        assertThat(e.getMessage()).startsWith("device piezo-cuvilly: corrupt SenML: record 1, field 'v': expected a number");
    }

    @Test
    void stoppedProbeIsUnreachableThenRecovers() throws Exception {
        driver = new CoapSenmlProbeDriver("piezo-cuvilly", server.uri(), TIMEOUT, true, clock);
        assertThat(driver.poll()).hasSize(4);
        int port = server.port();
        server.close();

        DeviceException e = catchThrowableOfType(DeviceException.class, driver::poll);
        assertThat(e.kind()).isEqualTo(Kind.UNREACHABLE);
        assertThat(e.getMessage()).contains("piezo-cuvilly");

        clock.leap(Duration.ofHours(1));
        server = GroundwaterCoapServer.start("127.0.0.1", port, "00817X0145", model);
        List<Reading> back = driver.poll();
        assertThat(back).hasSize(4).allSatisfy(r -> assertThat(r.ts()).isEqualTo("2026-03-21T13:00:00Z"));
    }
}
