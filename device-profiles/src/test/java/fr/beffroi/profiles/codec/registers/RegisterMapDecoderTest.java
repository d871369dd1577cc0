package fr.beffroi.profiles.codec.registers;

import fr.beffroi.profiles.load.ProfileLoader;
import fr.beffroi.profiles.model.DeviceProfile;
import fr.beffroi.profiles.model.ModelSpec;
import fr.beffroi.profiles.wire.Quality;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** The groundwater RTU probe's registers, raw words beside the values they stand for. */
class RegisterMapDecoderTest {

    private static final DeviceProfile PROBE = new ProfileLoader().load("groundwater", "modbus-rtu-probe");
    private final RegisterMapDecoder decoder = new RegisterMapDecoder();

    @Test
    void inputRegistersOfAPlateauProbeDecodeWithTheirScales() {
        ModelSpec measures = PROBE.models().get(0);
        RegisterSpan span = RegisterSpan.of(measures);
        // level 72 345 mm = 0x0001_1A99, depth 3766 cm, temperature 1084 (0.01 °C), battery 875 (0.1 %)
        short[] words = {0x0001, 0x1A99, 3766, 1084, 875};

        var values = decoder.decode(measures, span, words);

        assertThat(span).isEqualTo(new RegisterSpan(0, 5));
        assertThat(values).extracting(RegisterValue::point).containsExactly("level", "depth", "temp", "battery");
        assertThat(values.get(0).value()).isCloseTo(72.345, within(1e-9));
        assertThat(values.get(1).value()).isCloseTo(37.66, within(1e-9));
        assertThat(values.get(2).value()).isCloseTo(10.84, within(1e-9));
        assertThat(values.get(3).value()).isCloseTo(87.5, within(1e-9));
        assertThat(values).extracting(RegisterValue::unit).containsExactly("m", "m", "Cel", "%");
        assertThat(values).extracting(RegisterValue::quality).containsOnly(Quality.GOOD);
    }

    @Test
    void negativeTemperatureAndLevelKeepTheirSign() {
        ModelSpec measures = PROBE.models().get(0);
        // level −1 250 mm (below the datum, a coastal well), temperature −0.5 °C
        short[] words = {(short) 0xFFFF, (short) 0xFB1E, 0, (short) -50, 1000};

        var values = decoder.decode(measures, RegisterSpan.of(measures), words);

        assertThat(values.get(0).value()).isCloseTo(-1.25, within(1e-9));
        assertThat(values.get(2).value()).isCloseTo(-0.5, within(1e-9));
    }

    @Test
    void holdingRegistersCarryTheInstallation() {
        ModelSpec setup = PROBE.models().get(1);

        var values = decoder.decode(setup, RegisterSpan.of(setup), new short[] {11000, 60});

        assertThat(values.get(0).value()).isCloseTo(110.0, within(1e-9));
        assertThat(values.get(1).value()).isEqualTo(60.0);
        assertThat(values.get(1).unit()).isEqualTo("min");
    }
}
