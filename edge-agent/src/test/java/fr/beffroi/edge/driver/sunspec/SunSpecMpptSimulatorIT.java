package fr.beffroi.edge.driver.sunspec;

import fr.beffroi.profiles.wire.Quality;
import fr.beffroi.profiles.wire.Reading;
import fr.beffroi.sim.face.modbus.SunSpecModbusServer;
import fr.beffroi.sim.face.modbus.SunSpecUnit;
import fr.beffroi.sim.model.pv.DcInput;
import fr.beffroi.sim.model.pv.InverterSnapshot;
import fr.beffroi.sim.model.pv.PvInverterModel;
import fr.beffroi.sim.time.LeapClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * Two inverters behind one Modbus TCP gateway (the simulator on 127.0.0.1, unit ids 1 and 2), one
 * with the MPPT extension (model 160) and one without: one driver per unit id, each reading its own.
 */
class SunSpecMpptSimulatorIT {

    private final LeapClock clock = LeapClock.at(
            LocalDateTime.of(2026, 6, 21, 12, 0).atZone(ZoneId.of("Europe/Paris")).toInstant());
    private final PvInverterModel withMppt = PvInverterModel.create(51, 36, clock);
    private final PvInverterModel plain = PvInverterModel.create(52, 36, clock);
    private SunSpecModbusServer server;
    private SunSpecModbusDriver first;
    private SunSpecModbusDriver second;

    @AfterEach
    void stop() {
        if (first != null) {
            first.close();
        }
        if (second != null) {
            second.close();
        }
        if (server != null) {
            server.close();
        }
    }

    @Test
    void bothInvertersBehindOneGatewayAreReadAndOnlyTheOneWith160HasModuleReadings() throws Exception {
        server = SunSpecModbusServer.start("127.0.0.1", 0, List.of(
                SunSpecUnit.of(1, withMppt).withMpptExtension(),
                SunSpecUnit.of(2, plain)));
        first = new SunSpecModbusDriver("pv-mairie", "127.0.0.1", server.port(), 1, Duration.ofSeconds(2), clock);
        second = new SunSpecModbusDriver("pv-ecole", "127.0.0.1", server.port(), 2, Duration.ofSeconds(2), clock);

        Map<String, Reading> a = byPoint(first.poll());
        Map<String, Reading> b = byPoint(second.poll());

        InverterSnapshot expectedA = withMppt.snapshot(clock.instant());
        InverterSnapshot expectedB = plain.snapshot(clock.instant());
        assertThat(a.get("W").value()).isCloseTo(expectedA.acPowerW(), within(0.5));
        assertThat(b.get("W").value()).isCloseTo(expectedB.acPowerW(), within(0.5));
        assertThat(a.get("W").device()).isEqualTo("pv-mairie");
        assertThat(b.get("W").device()).isEqualTo("pv-ecole");
        assertThat(a.get("mppt.N").value()).isEqualTo(2);
        for (int n = 1; n <= 2; n++) {
            DcInput input = expectedA.dcInputs().get(n - 1);
            assertThat(a.get("mppt" + n + ".DCW").value()).isCloseTo(input.powerW(), within(0.5));
            assertThat(a.get("mppt" + n + ".DCV").value()).isCloseTo(input.voltageV(), within(0.05));
            assertThat(a.get("mppt" + n + ".DCA").value()).isCloseTo(input.currentA(), within(0.005));
            assertThat(a.get("mppt" + n + ".DCWH").quality()).isEqualTo(Quality.GOOD);
            assertThat(a.get("mppt" + n + ".Tmp").quality()).isEqualTo(Quality.BAD);
            assertThat(a.get("mppt" + n + ".DCSt").value()).isEqualTo(expectedA.state().code());
        }
        assertThat(a.get("mppt1.DCW").value()).isGreaterThan(a.get("mppt2.DCW").value());
        assertThat(b.keySet()).noneMatch(p -> p.startsWith("mppt"));

        // a second poll on each connection still reads both
        clock.leap(Duration.ofMinutes(5));
        assertThat(byPoint(first.poll())).containsKey("mppt2.DCW");
        assertThat(byPoint(second.poll())).containsKey("W");
    }

    private static Map<String, Reading> byPoint(List<Reading> readings) {
        return readings.stream().collect(Collectors.toMap(Reading::point, r -> r));
    }
}
