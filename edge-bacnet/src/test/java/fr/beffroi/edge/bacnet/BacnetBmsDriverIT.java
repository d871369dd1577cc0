package fr.beffroi.edge.bacnet;

import fr.beffroi.edge.bacnet.sim.BacnetBuildingSimulator;
import fr.beffroi.edge.driver.DeviceException;
import fr.beffroi.edge.driver.DeviceException.Kind;
import fr.beffroi.profiles.wire.Quality;
import fr.beffroi.profiles.wire.Reading;
import fr.beffroi.sim.model.building.BuildingConfig;
import fr.beffroi.sim.model.building.BuildingModel;
import fr.beffroi.sim.model.building.BuildingSnapshot;
import fr.beffroi.sim.model.building.ZoneMode;
import fr.beffroi.sim.time.LeapClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.DatagramSocket;
import java.net.InetAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.api.Assertions.within;

/**
 * The driver against a BACnet/IP building controller simulated on 127.0.0.1: a school of five
 * zones, each device on its own UDP port (two BACnet devices on one host cannot share 47808).
 */
class BacnetBmsDriverIT {
    private static final int CONTROLLER = 1201;
    private static final Duration TIMEOUT = Duration.ofMillis(500);
    /** A Monday of January before school, heating on. */
    private static final Instant START = Instant.parse("2026-01-12T05:00:00Z");

    private final LeapClock clock = LeapClock.at(START);
    private BuildingModel model;
    private BacnetBuildingSimulator sim;
    private final List<BacnetBmsDriver> drivers = new ArrayList<>();

    @BeforeEach
    void startController() throws Exception {
        model = BuildingModel.create(BuildingConfig.school(42), clock, 12_345.6);
        sim = new BacnetBuildingSimulator(model, "127.0.0.1", freeUdpPort(), CONTROLLER).start();
    }

    @AfterEach
    void stop() {
        drivers.forEach(BacnetBmsDriver::close);
        sim.close();
    }

    @Test
    void pollReadsEveryMappedSignalWithTheProfilesUnits() throws Exception {
        BacnetBmsDriver driver = driver(BacnetPoint.buildingMap(5));

        List<Reading> readings = driver.poll();

        BuildingSnapshot s = model.snapshot();
        Map<String, Reading> byPoint = readings.stream().collect(Collectors.toMap(Reading::point, Function.identity()));
        assertThat(byPoint.keySet()).containsExactlyInAnyOrderElementsOf(
                BacnetPoint.buildingMap(5).stream().map(BacnetPoint::signal).toList());
        assertThat(readings).allSatisfy(r -> {
            assertThat(r.device()).isEqualTo("ecole-bms");
            assertThat(r.ts()).isEqualTo(START);
            assertThat(r.quality()).isEqualTo(Quality.GOOD);
            assertThat(r.seq()).isZero();
        });
        assertThat(byPoint.get("outdoor_temperature").value()).isCloseTo(s.outdoorC(), within(1e-3));
        assertThat(byPoint.get("outdoor_temperature").unit()).isEqualTo("Cel");
        assertThat(byPoint.get("heat_energy").value()).isEqualTo(12_345.6);
        assertThat(byPoint.get("heat_energy").unit()).isEqualTo("kW.h");
        assertThat(byPoint.get("heat_power").unit()).isEqualTo("kW");
        assertThat(byPoint.get("supply_temperature").value()).isCloseTo(s.supplyC(), within(1e-3));
        for (int z = 1; z <= 5; z++) {
            assertThat(byPoint.get("zone" + z + "_temperature").value())
                    .isCloseTo(s.zones().get(z - 1).roomC(), within(1e-3));
            assertThat(byPoint.get("zone" + z + "_setpoint").value()).isEqualTo(19.0);
            assertThat(byPoint.get("zone" + z + "_setpoint").unit()).isEqualTo("Cel");
            assertThat(byPoint.get("zone" + z + "_mode").value()).isEqualTo(1.0); // confort
            assertThat(byPoint.get("zone" + z + "_mode").unit()).isEqualTo("1");
            assertThat(byPoint.get("zone" + z + "_presence").value()).isEqualTo(0.0); // 06:00 in Paris
        }
    }

    @Test
    void aWrittenSetpointAndModeReachTheBuildingAndTheTemperatureFollows() throws Exception {
        BacnetBmsDriver driver = driver(BacnetPoint.buildingMap(5));
        double before = model.snapshot().zones().get(1).roomC();

        driver.write("zone2_setpoint", 22.5);
        driver.write("zone3_mode", 4); // arrêt

        assertThat(model.snapshot().zones().get(1).comfortC()).isEqualTo(22.5);
        assertThat(model.snapshot().zones().get(2).mode()).isEqualTo(ZoneMode.ARRET);

        clock.leap(Duration.ofHours(12));
        Map<String, Double> after = driver.poll().stream().collect(Collectors.toMap(Reading::point, Reading::value));
        assertThat(after.get("zone2_setpoint")).isEqualTo(22.5);
        assertThat(after.get("zone3_mode")).isEqualTo(4.0);
        assertThat(after.get("zone2_temperature")).isGreaterThan(before + 1);
        assertThat(after.get("zone3_temperature")).isLessThan(after.get("zone1_temperature"));
    }

    @Test
    void aCommandOutsideTheProfileNeverReachesTheWire() {
        BacnetBmsDriver driver = driver(BacnetPoint.buildingMap(5));

        DeviceException tooHot = catchThrowableOfType(DeviceException.class, () -> driver.write("zone1_setpoint", 29));
        DeviceException readOnly = catchThrowableOfType(DeviceException.class,
                () -> driver.write("zone1_temperature", 20));
        DeviceException halfMode = catchThrowableOfType(DeviceException.class, () -> driver.write("zone1_mode", 2.5));

        assertThat(tooHot.kind()).isEqualTo(Kind.CONFIGURATION);
        assertThat(tooHot.getMessage()).contains("ecole-bms", "zone1_setpoint", "outside");
        assertThat(readOnly.kind()).isEqualTo(Kind.CONFIGURATION);
        assertThat(halfMode.kind()).isEqualTo(Kind.CONFIGURATION);
        assertThat(model.snapshot().zones().get(0).comfortC()).isEqualTo(19.0);
    }

    @Test
    void anObjectTheControllerDoesNotHaveIsAConfigurationError() {
        // a school of five zones has no zone 6
        BacnetBmsDriver driver = driver(BacnetPoint.buildingMap(6));

        DeviceException e = catchThrowableOfType(DeviceException.class, driver::poll);

        assertThat(e.kind()).isEqualTo(Kind.CONFIGURATION);
        assertThat(e.getMessage()).contains("ecole-bms", "zone6_temperature", "AI:6", "unknown-object");
    }

    @Test
    void aSilentControllerIsUnreachableThenRecovers() throws Exception {
        BacnetBmsDriver driver = driver(BacnetPoint.buildingMap(5));
        assertThat(driver.poll()).hasSize(25);

        sim.stop();
        DeviceException e = catchThrowableOfType(DeviceException.class, driver::poll);
        assertThat(e.kind()).isEqualTo(Kind.UNREACHABLE);
        assertThat(e.getMessage()).contains("ecole-bms", "BACnet device " + CONTROLLER,
                "127.0.0.1:" + sim.port());

        DeviceException write = catchThrowableOfType(DeviceException.class, () -> driver.write("zone1_setpoint", 20));
        assertThat(write.kind()).isEqualTo(Kind.UNREACHABLE);

        sim.start();
        assertThat(driver.poll()).hasSize(25);
        driver.write("zone1_setpoint", 20);
        assertThat(model.snapshot().zones().get(0).comfortC()).isEqualTo(20.0);
    }

    @Test
    void aControllerWithoutReadPropertyMultipleIsReadOnePropertyAtATime() throws Exception {
        sim.stop();
        BacnetBuildingSimulator old = new BacnetBuildingSimulator(model, "127.0.0.1", freeUdpPort(), CONTROLLER, false)
                .start();
        try {
            BacnetBmsDriver driver = new BacnetBmsDriver("mairie-bms", "127.0.0.1", freeUdpPort(), "127.0.0.1",
                    old.port(), CONTROLLER, BacnetPoint.buildingMap(2), TIMEOUT, clock);
            drivers.add(driver);

            Map<String, Double> values = driver.poll().stream().collect(Collectors.toMap(Reading::point, Reading::value));

            assertThat(values).hasSize(13);
            assertThat(values.get("heat_energy")).isEqualTo(12_345.6);
            assertThat(values.get("zone2_setpoint")).isEqualTo(19.0);
            assertThat(driver.poll()).hasSize(13);
        } finally {
            old.close();
        }
    }

    @Test
    void anObjectOutOfServiceGivesAnUncertainReading() throws Exception {
        BacnetBmsDriver driver = driver(BacnetPoint.buildingMap(5));
        sim.outOfService(1);

        Map<String, Quality> quality = driver.poll().stream()
                .collect(Collectors.toMap(Reading::point, Reading::quality));

        assertThat(quality.get("zone1_temperature")).isEqualTo(Quality.UNCERTAIN);
        assertThat(quality.get("zone2_temperature")).isEqualTo(Quality.GOOD);
    }

    private BacnetBmsDriver driver(List<BacnetPoint> map) {
        BacnetBmsDriver d = new BacnetBmsDriver("ecole-bms", "127.0.0.1", freeUdpPort(), "127.0.0.1", sim.port(),
                CONTROLLER, map, TIMEOUT, clock);
        drivers.add(d);
        return d;
    }

    private static int freeUdpPort() {
        try (DatagramSocket s = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        } catch (java.io.IOException e) {
            throw new IllegalStateException("no free UDP port on 127.0.0.1", e);
        }
    }
}
