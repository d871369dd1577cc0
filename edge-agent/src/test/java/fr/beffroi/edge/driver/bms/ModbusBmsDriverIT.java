package fr.beffroi.edge.driver.bms;

import fr.beffroi.edge.driver.DeviceException;
import fr.beffroi.edge.driver.DeviceException.Kind;
import fr.beffroi.profiles.wire.Quality;
import fr.beffroi.profiles.wire.Reading;
import fr.beffroi.sim.face.modbus.BmsModbusServer;
import fr.beffroi.sim.model.building.BuildingConfig;
import fr.beffroi.sim.model.building.BuildingModel;
import fr.beffroi.sim.model.building.BuildingSnapshot;
import fr.beffroi.sim.model.building.ZoneMode;
import fr.beffroi.sim.time.LeapClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.api.Assertions.within;

/**
 * The driver through PLC4X against the building simulator (digitalpetri Modbus TCP) on 127.0.0.1:
 * readings, commands that move the simulated room as its clock leaps, and a controller that goes
 * away and comes back.
 */
class ModbusBmsDriverIT {
    private static final int UNIT_ID = 3;

    private final LeapClock clock = LeapClock.at(Instant.parse("2027-01-12T06:00:00Z"));
    private final BuildingModel school = BuildingModel.create(BuildingConfig.school(21), clock, 5000);

    private BmsModbusServer server;
    private ModbusBmsDriver driver;

    @BeforeEach
    void start() throws Exception {
        server = BmsModbusServer.start("127.0.0.1", 0, Map.of(UNIT_ID, school));
        driver = new ModbusBmsDriver("bms-ecole", "127.0.0.1", server.port(), UNIT_ID, Duration.ofSeconds(2), clock);
    }

    @AfterEach
    void stop() {
        if (driver != null) {
            driver.close();
        }
        if (server != null) {
            server.close();
        }
    }

    private static Map<String, Reading> byPoint(List<Reading> readings) {
        return readings.stream().collect(Collectors.toMap(Reading::point, r -> r));
    }

    @Test
    void everyZoneOfTheSimulatedSchoolIsReadWithItsUnits() throws Exception {
        Map<String, Reading> r = byPoint(driver.poll());
        BuildingSnapshot s = school.snapshot();

        assertThat(r).hasSize(6 + 5 * 9);
        assertThat(r.get("zoneCount").value()).isEqualTo(5);
        assertThat(r.get("outdoorTemp").value()).isCloseTo(s.outdoorC(), within(0.05 + 1e-9));
        assertThat(r.get("heatEnergy").value()).isCloseTo(5000, within(0.05 + 1e-9));
        assertThat(r.get("heatEnergy").unit()).isEqualTo("kW.h");
        assertThat(r.get("heatPower").unit()).isEqualTo("kW");
        assertThat(r.get("supplyTemp").value()).isCloseTo(s.supplyC(), within(0.05 + 1e-9));
        for (int z = 1; z <= 5; z++) {
            assertThat(r.get("zone" + z + ".roomTemp").value()).isCloseTo(s.zones().get(z - 1).roomC(), within(0.05 + 1e-9));
            assertThat(r.get("zone" + z + ".roomTemp").unit()).isEqualTo("Cel");
            assertThat(r.get("zone" + z + ".setpoint").value()).isEqualTo(19);
            assertThat(r.get("zone" + z + ".mode").value()).isEqualTo(3);
        }
        assertThat(r.values()).allSatisfy(reading -> {
            assertThat(reading.quality()).isEqualTo(Quality.GOOD);
            assertThat(reading.device()).isEqualTo("bms-ecole");
            assertThat(reading.ts()).isEqualTo(clock.instant());
        });
    }

    @Test
    void commandsWrittenThroughTheDriverMoveTheSimulatedRoom() throws Exception {
        double start = byPoint(driver.poll()).get("zone2.roomTemp").value();

        // WHEN heating stops in zone 2 for 12 simulated hours
        driver.write("zone2.mode", 0);
        assertThat(school.snapshot().zones().get(1).mode()).isEqualTo(ZoneMode.ARRET);
        clock.leap(Duration.ofHours(12));
        Map<String, Reading> cold = byPoint(driver.poll());

        // THEN the next poll shows it cooler, and zone 1 still held at 19 ± 0.5 °C
        assertThat(cold.get("zone2.mode").value()).isEqualTo(0);
        assertThat(cold.get("zone2.activeSetpoint").value()).isZero();
        assertThat(cold.get("zone2.roomTemp").value()).isLessThan(start - 1);
        assertThat(cold.get("zone1.roomTemp").value()).isCloseTo(19, within(0.6));

        // WHEN comfort at 21 °C comes back for 12 hours, lights on
        driver.write("zone2.setpoint", 21);
        driver.write("zone2.mode", 3);
        driver.write("zone2.light1", 1);
        clock.leap(Duration.ofHours(12));
        Map<String, Reading> warm = byPoint(driver.poll());

        // THEN it heats: warmer than when it was off, the thermostat and the heat meter show it
        assertThat(warm.get("zone2.setpoint").value()).isEqualTo(21);
        assertThat(warm.get("zone2.activeSetpoint").value()).isEqualTo(21);
        assertThat(warm.get("zone2.light1").value()).isEqualTo(1);
        assertThat(warm.get("zone2.roomTemp").value()).isGreaterThan(cold.get("zone2.roomTemp").value() + 1);
        assertThat(warm.get("heatEnergy").value()).isGreaterThan(cold.get("heatEnergy").value());
    }

    @Test
    void aCommandOutsideTheProfileIsRefusedBeforeTheWire() throws Exception {
        DeviceException tooHot = catchThrowableOfType(DeviceException.class, () -> driver.write("zone1.setpoint", 28));
        DeviceException readOnly = catchThrowableOfType(DeviceException.class, () -> driver.write("zone1.roomTemp", 20));

        assertThat(tooHot.kind()).isEqualTo(Kind.CONFIGURATION);
        assertThat(tooHot.getMessage()).contains("28.0 outside 5.0..25.0 Cel");
        assertThat(readOnly.kind()).isEqualTo(Kind.CONFIGURATION);
        assertThat(school.snapshot().zones().get(0).comfortC()).isEqualTo(19);
    }

    @Test
    void aStoppedControllerIsUnreachableAndTheDriverRecoversWhenItIsBack() throws Exception {
        driver.poll();
        int port = server.port();

        server.close();
        server = null;
        DeviceException down = catchThrowableOfType(DeviceException.class, driver::poll);
        DeviceException stillDown = catchThrowableOfType(DeviceException.class, driver::poll);
        DeviceException noWrite = catchThrowableOfType(DeviceException.class, () -> driver.write("zone1.mode", 1));
        server = BmsModbusServer.start("127.0.0.1", port, Map.of(UNIT_ID, school));
        clock.leap(Duration.ofMinutes(5));
        List<Reading> back = driver.poll();

        assertThat(down).isNotNull();
        assertThat(down.kind()).isEqualTo(Kind.UNREACHABLE);
        assertThat(down.getMessage()).startsWith("device bms-ecole: ");
        assertThat(stillDown.kind()).isEqualTo(Kind.UNREACHABLE);
        assertThat(noWrite.kind()).isEqualTo(Kind.UNREACHABLE);
        assertThat(back).hasSize(6 + 5 * 9).allSatisfy(r -> assertThat(r.ts()).isEqualTo(clock.instant()));
    }
}
