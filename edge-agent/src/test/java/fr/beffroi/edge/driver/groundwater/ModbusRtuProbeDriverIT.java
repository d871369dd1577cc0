package fr.beffroi.edge.driver.groundwater;

import fr.beffroi.edge.driver.DeviceException;
import fr.beffroi.edge.driver.DeviceException.Kind;
import fr.beffroi.profiles.model.RegisterTable;
import fr.beffroi.profiles.wire.Reading;
import fr.beffroi.sim.face.modbusrtu.GroundwaterRtuServer;
import fr.beffroi.sim.face.modbusrtu.PtyPair;
import fr.beffroi.sim.model.groundwater.AquiferConfig;
import fr.beffroi.sim.model.groundwater.AquiferModel;
import fr.beffroi.sim.model.groundwater.ProbeSample;
import fr.beffroi.sim.time.LeapClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.api.Assertions.within;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The RTU driver against the simulated probe over a socat pty pair: digitalpetri's RTU server on one
 * end, its RTU client (in the driver) on the other. Skipped when socat is not installed.
 */
class ModbusRtuProbeDriverIT {

    private static final int BAUD = 19_200;
    private static final int UNIT = 7;
    private static final Duration TIMEOUT = Duration.ofMillis(800);

    private final LeapClock clock = LeapClock.at(Instant.parse("2026-09-25T06:10:00Z"));
    private final AquiferModel model = new AquiferModel(AquiferConfig.plateau(42), clock);
    private PtyPair pair;
    private GroundwaterRtuServer server;
    private ModbusRtuProbeDriver driver;

    @BeforeEach
    void openLine() throws Exception {
        assumeTrue(PtyPair.socat().isPresent(), "socat is not installed at " + PtyPair.SOCAT
                + ": no virtual serial line for the RTU test (apt-get install socat)");
        String id = UUID.randomUUID().toString().substring(0, 8);
        pair = PtyPair.open(Path.of("/tmp/gw-rtu-" + id + "-a"), Path.of("/tmp/gw-rtu-" + id + "-b"),
                Duration.ofSeconds(5));
        server = GroundwaterRtuServer.start(pair.a(), BAUD, UNIT, model);
    }

    @AfterEach
    void closeLine() {
        if (driver != null) {
            driver.close();
        }
        if (server != null) {
            server.close();
        }
        if (pair != null) {
            pair.close();
        }
    }

    private static double value(List<Reading> readings, String point) {
        return readings.stream().filter(r -> r.point().equals(point)).findFirst().orElseThrow().value();
    }

    @Test
    void pollReadsTheSimulatedProbeOverTheSerialLine() throws Exception {
        driver = new ModbusRtuProbeDriver("piezo-noiremont", pair.b(), BAUD, UNIT, TIMEOUT, clock);
        ProbeSample sample = model.snapshot();

        List<Reading> readings = driver.poll();

        assertThat(readings).extracting(Reading::point)
                .containsExactly("ground", "interval", "level", "depth", "temp", "battery");
        assertThat(value(readings, "level")).isCloseTo(sample.levelM(), within(0.0005));
        assertThat(value(readings, "depth")).isCloseTo(sample.depthM(), within(0.005));
        assertThat(value(readings, "temp")).isCloseTo(sample.temperature(), within(0.005));
        assertThat(value(readings, "battery")).isCloseTo(sample.batteryPct(), within(0.05));
        assertThat(value(readings, "ground")).isCloseTo(110.0, within(1e-9));
        assertThat(readings).allSatisfy(r -> assertThat(r.ts()).isEqualTo(clock.instant()));
    }

    @Test
    void badCrcIsProtocolThenGoodFramesRecover() throws Exception {
        driver = new ModbusRtuProbeDriver("piezo-noiremont", pair.b(), BAUD, UNIT, TIMEOUT, clock);
        server.setCorruptCrc(true);

        DeviceException e = catchThrowableOfType(DeviceException.class, driver::poll);

        assertThat(e.kind()).isEqualTo(Kind.PROTOCOL);
        assertThat(e.getMessage()).contains("piezo-noiremont").contains("CRC");
        server.setCorruptCrc(false);
        assertThat(driver.poll()).hasSize(6);
    }

    @Test
    void wrongUnitIdGetsNoAnswer() {
        driver = new ModbusRtuProbeDriver("piezo-noiremont", pair.b(), BAUD, UNIT + 1, TIMEOUT, clock);

        DeviceException e = catchThrowableOfType(DeviceException.class, driver::poll);

        assertThat(e.kind()).isEqualTo(Kind.UNREACHABLE);
        assertThat(e.getMessage()).contains("no answer from unit 8");
    }

    @Test
    void stoppedProbeIsUnreachableThenRecovers() throws Exception {
        driver = new ModbusRtuProbeDriver("piezo-noiremont", pair.b(), BAUD, UNIT, TIMEOUT, clock);
        assertThat(driver.poll()).hasSize(6);
        server.close();
        server = null;

        DeviceException e = catchThrowableOfType(DeviceException.class, driver::poll);
        assertThat(e.kind()).isEqualTo(Kind.UNREACHABLE);

        server = GroundwaterRtuServer.start(pair.a(), BAUD, UNIT, model);
        assertThat(driver.poll()).hasSize(6);
    }

    @Test
    void exceptionResponseIsProtocol() throws Exception {
        RtuLink link = DigitalpetriRtuLink.opener("piezo-noiremont", pair.b(), BAUD, UNIT, TIMEOUT).open();
        try {
            DeviceException e = catchThrowableOfType(DeviceException.class,
                    () -> link.read(RegisterTable.INPUT, 3, 5));

            assertThat(e.kind()).isEqualTo(Kind.PROTOCOL);
            assertThat(e.getMessage()).contains("piezo-noiremont").contains("to function 4 at input register 3");
        } finally {
            link.close();
        }
    }

    @Test
    void missingSerialPortIsUnreachable() {
        driver = new ModbusRtuProbeDriver("piezo-noiremont", "/tmp/gw-rtu-no-such-port", BAUD, UNIT, TIMEOUT, clock);

        DeviceException e = catchThrowableOfType(DeviceException.class, driver::poll);

        assertThat(e.kind()).isEqualTo(Kind.UNREACHABLE);
        assertThat(e.getMessage()).contains("/tmp/gw-rtu-no-such-port");
    }
}
