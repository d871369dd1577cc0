package fr.beffroi.edge.driver.groundwater;

import fr.beffroi.edge.driver.DeviceException;
import fr.beffroi.edge.driver.DeviceException.Kind;
import fr.beffroi.edge.testing.MutableClock;
import fr.beffroi.profiles.load.ProfileLoader;
import fr.beffroi.profiles.model.DeviceProfile;
import fr.beffroi.profiles.model.RegisterTable;
import fr.beffroi.profiles.wire.Reading;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.api.Assertions.within;

/** The RTU probe driver against a register image: words in, readings or classified failures out. */
class ModbusRtuProbeDriverTest {

    private static final DeviceProfile PROFILE = new ProfileLoader().load("groundwater", "modbus-rtu-probe");

    private final MutableClock clock = MutableClock.at("2026-09-25T06:00:00Z");
    private final List<String> requests = new ArrayList<>();
    private DeviceException failNext;
    private int opened;
    private boolean closed;

    private final Map<RegisterTable, short[]> image = Map.of(
            // level 72 345 mm, depth 3766 cm, 10.84 °C, 87.5 %
            RegisterTable.INPUT, new short[] {0x0001, 0x1A99, 3766, 1084, 875},
            // ground 110.00 m NGF, every 60 min
            RegisterTable.HOLDING, new short[] {11000, 60});

    private ModbusRtuProbeDriver driver() {
        return new ModbusRtuProbeDriver("piezo-noiremont", () -> {
            opened++;
            closed = false;
            return new RtuLink() {
                @Override
                public short[] read(RegisterTable table, int address, int quantity) throws DeviceException {
                    requests.add(table.yamlName() + "@" + address + "x" + quantity);
                    if (failNext != null) {
                        DeviceException e = failNext;
                        failNext = null;
                        throw e;
                    }
                    return java.util.Arrays.copyOfRange(image.get(table), address, address + quantity);
                }

                @Override
                public void close() {
                    closed = true;
                }
            };
        }, PROFILE, clock);
    }

    @Test
    void pollReadsEachTableInOneRequestAndScalesThePoints() throws Exception {
        List<Reading> readings = driver().poll();

        assertThat(requests).containsExactly("holding@0x2", "input@0x5");
        assertThat(readings).extracting(Reading::point)
                .containsExactly("ground", "interval", "level", "depth", "temp", "battery");
        assertThat(readings.get(0).value()).isCloseTo(110.0, within(1e-9));
        assertThat(readings.get(2).value()).isCloseTo(72.345, within(1e-9));
        assertThat(readings.get(3).value()).isCloseTo(37.66, within(1e-9));
        assertThat(readings).allSatisfy(r -> {
            assertThat(r.device()).isEqualTo("piezo-noiremont");
            assertThat(r.ts()).isEqualTo(Instant.parse("2026-09-25T06:00:00Z"));
        });
    }

    @Test
    void aProfileThatIsNoFixedRegisterMapIsRefused() {
        DeviceProfile sunspec = new ProfileLoader().load("pv", "sunspec-inverter");

        assertThat(catchThrowableOfType(IllegalArgumentException.class,
                () -> new ModbusRtuProbeDriver("x", () -> null, sunspec, clock)))
                .hasMessageContaining("has no plain Modbus registers");
    }

    @Test
    void failureClosesThePortAndTheNextPollReopensIt() throws Exception {
        ModbusRtuProbeDriver driver = driver();
        failNext = new DeviceException(Kind.PROTOCOL, "device piezo-noiremont: answer from unit 1 with a bad CRC");

        DeviceException e = catchThrowableOfType(DeviceException.class, driver::poll);

        assertThat(e.kind()).isEqualTo(Kind.PROTOCOL);
        assertThat(closed).isTrue();
        assertThat(driver.poll()).hasSize(6);
        assertThat(opened).isEqualTo(2);
    }
}
