package fr.beffroi.edge.driver.groundwater;

import fr.beffroi.edge.driver.DeviceException;
import fr.beffroi.edge.driver.DeviceException.Kind;
import fr.beffroi.edge.testing.MutableClock;
import fr.beffroi.profiles.load.ProfileLoader;
import fr.beffroi.profiles.model.DeviceProfile;
import fr.beffroi.profiles.model.Layout;
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

    private final Map<Layout, short[]> image = Map.of(
            // level 72 345 mm, depth 3766 cm, 10.84 °C, 87.5 %
            Layout.INPUT_REGISTERS, new short[] {0x0001, 0x1A99, 3766, 1084, 875},
            // ground 110.00 m NGF, every 60 min
            Layout.HOLDING_REGISTERS, new short[] {11000, 60});

    private ModbusRtuProbeDriver driver() {
        return new ModbusRtuProbeDriver("piezo-noiremont", () -> {
            opened++;
            closed = false;
            return new RtuLink() {
                @Override
                public short[] read(Layout layout, int address, int quantity) throws DeviceException {
                    requests.add(layout.yamlName() + "@" + address + "x" + quantity);
                    if (failNext != null) {
                        DeviceException e = failNext;
                        failNext = null;
                        throw e;
                    }
                    return java.util.Arrays.copyOfRange(image.get(layout), address, address + quantity);
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

        assertThat(requests).containsExactly("input-registers@0x5", "holding-registers@0x2");
        assertThat(readings).extracting(Reading::point)
                .containsExactly("level", "depth", "temp", "battery", "ground", "interval");
        assertThat(readings.get(0).value()).isCloseTo(72.345, within(1e-9));
        assertThat(readings.get(1).value()).isCloseTo(37.66, within(1e-9));
        assertThat(readings.get(4).value()).isCloseTo(110.0, within(1e-9));
        assertThat(readings).allSatisfy(r -> {
            assertThat(r.device()).isEqualTo("piezo-noiremont");
            assertThat(r.ts()).isEqualTo(Instant.parse("2026-09-25T06:00:00Z"));
        });
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
