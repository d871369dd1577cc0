package fr.beffroi.profiles.codec.modbus;

import fr.beffroi.profiles.load.ProfileLoader;
import fr.beffroi.profiles.model.DeviceProfile;
import fr.beffroi.profiles.model.RegisterPoint;
import fr.beffroi.profiles.model.RegisterTable;
import fr.beffroi.profiles.model.RegisterType;
import fr.beffroi.profiles.wire.Quality;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

class RegisterCodecTest {

    private static final DeviceProfile PROFILE = new ProfileLoader().load("bms", "modbus-building");

    private static RegisterPoint point(RegisterType type, double scale) {
        return new RegisterPoint("p", 0, type, scale, "1", Map.of(), false, Optional.empty(), Optional.empty(), "");
    }

    private static RegisterPoint zonePoint(String name) {
        return PROFILE.block("zone").orElseThrow().point(name).orElseThrow();
    }

    @Test
    void signedAndUnsignedIntegersOfOneAndTwoWords() {
        short[] words = {(short) 0xFFFF, (short) 0xFFFE, (short) 0x8000, 0x0000};

        assertThat(RegisterCodec.decode("a", point(RegisterType.INT16, 1), words, 0).value()).isEqualTo(-1);
        assertThat(RegisterCodec.decode("a", point(RegisterType.UINT16, 1), words, 0).value()).isEqualTo(65535);
        assertThat(RegisterCodec.decode("a", point(RegisterType.INT32, 1), words, 0).value()).isEqualTo(-2);
        assertThat(RegisterCodec.decode("a", point(RegisterType.UINT32, 1), words, 0).value()).isEqualTo(4294967294.0);
        assertThat(RegisterCodec.decode("a", point(RegisterType.INT32, 1), words, 2).value()).isEqualTo(Integer.MIN_VALUE);
    }

    @Test
    void everyTypeRoundTripsThroughItsWords() {
        for (var c : List.of(
                Map.entry(point(RegisterType.INT16, 0.1), -12.3),
                Map.entry(point(RegisterType.UINT16, 0.01), 655.35),
                Map.entry(point(RegisterType.INT32, 0.001), -2147483.648),
                Map.entry(point(RegisterType.UINT32, 0.1), 429496729.5),
                Map.entry(point(RegisterType.FLOAT32, 1), 21.3),
                Map.entry(point(RegisterType.UINT16, 2), 130.0))) {
            short[] words = RegisterCodec.encode(c.getKey(), c.getValue());
            assertThat(words).hasSize(c.getKey().words());
            assertThat(RegisterCodec.decode("p", c.getKey(), words, 0).value())
                    .as("%s %s", c.getKey().type(), c.getValue()).isEqualTo(c.getValue());
        }
    }

    @Test
    void tenthsOfADegreeComeOutAsTheNearestDouble() {
        assertThat(RegisterCodec.decode("t", point(RegisterType.INT16, 0.1), new short[] {195}, 0).value()).isEqualTo(19.5);
        assertThat(RegisterCodec.decode("t", point(RegisterType.INT16, 0.1), new short[] {523}, 0).value()).isEqualTo(52.3);
    }

    @Test
    void aNonFiniteFloatIsBadAndZero() {
        ModbusValue v = RegisterCodec.decode("w", point(RegisterType.FLOAT32, 1), new short[] {0x7F80, 0}, 0);

        assertThat(v.quality()).isEqualTo(Quality.BAD);
        assertThat(v.value()).isZero();
    }

    @Test
    void anEnumOutsideItsSymbolsIsUncertain() {
        assertThat(RegisterCodec.decode("m", zonePoint("mode"), new short[] {3}, 0).quality()).isEqualTo(Quality.GOOD);
        assertThat(RegisterCodec.decode("m", zonePoint("mode"), new short[] {9}, 0).quality()).isEqualTo(Quality.UNCERTAIN);
    }

    @Test
    void commandsAreEncodedOnlyForWritablePointsInsideTheirRange() {
        assertThat(RegisterCodec.encodeCommand(zonePoint("setpoint"), 21.5)).containsExactly((short) 215);
        assertThat(RegisterCodec.encodeCommand(zonePoint("mode"), 1)).containsExactly((short) 1);

        assertThatThrownBy(() -> RegisterCodec.encodeCommand(zonePoint("roomTemp"), 20))
                .hasMessage("point 'roomTemp' is not writable");
        assertThatThrownBy(() -> RegisterCodec.encodeCommand(zonePoint("setpoint"), 30))
                .hasMessage("point 'setpoint': 30.0 outside 5.0..25.0 Cel");
        assertThatThrownBy(() -> RegisterCodec.encodeCommand(zonePoint("setpoint"), Double.NaN))
                .hasMessageContaining("not a finite number");
        assertThatThrownBy(() -> RegisterCodec.encodeCommand(zonePoint("mode"), 4)).hasMessageContaining("is none of");
        assertThatThrownBy(() -> RegisterCodec.encodeCommand(zonePoint("mode"), 1.5)).hasMessageContaining("is none of");
        assertThatThrownBy(() -> RegisterCodec.encodeCommand(zonePoint("light1"), 2))
                .hasMessage("point 'light1': 2.0 outside 0.0..1.0 1");
    }

    @Test
    void encodingAValueTheTypeCannotHoldIsRefused() {
        assertThatThrownBy(() -> RegisterCodec.encode(point(RegisterType.INT16, 0.1), 3300))
                .hasMessageContaining("does not fit a int16 scaled by 0.1");
    }

    @Test
    void readsAreSplitAt125RegistersAndAtGapsWiderThanAllowed() {
        RegisterLayout full = RegisterLayout.of(PROFILE, Map.of("zone", 32));

        List<ReadSpan> spans = full.spans(16);

        // 16 + 32 × 12 = 400 registers, the last 2 of the last zone unused: 125 + 125 + 125 + 23
        assertThat(spans).extracting(ReadSpan::count).allSatisfy(c -> assertThat(c).isLessThanOrEqualTo(125));
        assertThat(spans).hasSize(4);
        assertThat(spans.get(0).address()).isZero();
        assertThat(full.points()).hasSize(6 + 32 * 9);
        // with no gap allowed, the building block (0..7) and each zone's points stand apart
        assertThat(RegisterLayout.of(PROFILE, Map.of("zone", 1)).spans(0))
                .containsExactly(new ReadSpan(0, 8), new ReadSpan(16, 10));
    }

    @Test
    void aZoneCountOutsideTheMapIsRefusedNamingThePoint() {
        List<ModbusValue> once = List.of(new ModbusValue("zoneCount", 40, "1", Quality.GOOD));

        assertThatThrownBy(() -> RegisterLayout.instances(PROFILE, once))
                .hasMessage("'zoneCount' = 40.0 (GOOD): block 'zone' has room for 0..32");
    }

    @Test
    void inputAndHoldingRegistersAreReadApart_evenAtTheSameAddresses() {
        DeviceProfile probe = new ProfileLoader().load("groundwater", "modbus-rtu-probe");
        RegisterLayout layout = RegisterLayout.of(probe, Map.of());

        List<ReadSpan> spans = layout.spans(16);

        assertThat(spans).containsExactly(new ReadSpan(RegisterTable.HOLDING, 0, 2), new ReadSpan(RegisterTable.INPUT, 0, 5));
        // level 72 345 mm = 0x0001_1A99; depth 3766 cm; 10.84 °C; 87.5 %; ground 110 m; 60 min
        List<ModbusValue> values = layout.decode(spans, List.of(new short[] {11000, 60},
                new short[] {0x0001, 0x1A99, 3766, 1084, 875}));
        assertThat(values).extracting(ModbusValue::point, ModbusValue::value, ModbusValue::unit).containsExactly(
                tuple("ground", 110.0, "m"), tuple("interval", 60.0, "min"), tuple("level", 72.345, "m"),
                tuple("depth", 37.66, "m"), tuple("temp", 10.84, "Cel"), tuple("battery", 87.5, "%"));
    }
}
