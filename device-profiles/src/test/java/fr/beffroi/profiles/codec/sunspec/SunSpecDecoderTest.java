package fr.beffroi.profiles.codec.sunspec;

import fr.beffroi.profiles.model.DataType;
import fr.beffroi.profiles.model.ModelSpec;
import fr.beffroi.profiles.model.PointSpec;
import fr.beffroi.profiles.wire.Quality;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SunSpecDecoderTest {

    private static PointSpec point(String name, int offset, DataType type, String unit, String sf) {
        return new PointSpec(name, offset, type, 0, Optional.ofNullable(unit), Optional.ofNullable(sf), Map.of(), "");
    }

    private static final ModelSpec MODEL = new ModelSpec("test", List.of(64000), 6, true, List.of(
            point("I32", 2, DataType.INT32, "W", "SF"),
            point("U32", 4, DataType.UINT32, "W.h", null),
            point("SF", 6, DataType.SUNSSF, null, null),
            point("U16", 7, DataType.UINT16, "V", "SF")));

    @Test
    void signedAndUnsignedWordsAndPositiveScaleFactors() {
        short[] block = {(short) 64000, 6, (short) 0xFFFF, (short) 0xFFFE, (short) 0xFFFF, (short) 0xFFFE, 2, (short) 0xFFFE};

        List<DecodedPoint> points = new SunSpecDecoder().decode(MODEL, block);

        assertThat(points).extracting(DecodedPoint::point).containsExactly("I32", "U32", "U16");
        assertThat(points.get(0).value()).isEqualTo(-200.0);
        assertThat(points.get(1).value()).isEqualTo(4294967294.0);
        assertThat(points.get(2).value()).isEqualTo(6553400.0);
        assertThat(points).extracting(DecodedPoint::quality).containsOnly(Quality.GOOD);
    }

    @Test
    void aScaleFactorOutsideSunSpecsRangeMakesItsPointsBad() {
        short[] block = {(short) 64000, 6, 0, 1, 0, 1, 11, 5};

        List<DecodedPoint> points = new SunSpecDecoder().decode(MODEL, block);

        assertThat(points).extracting(DecodedPoint::quality).containsExactly(Quality.BAD, Quality.GOOD, Quality.BAD);
    }

    @Test
    void negativeScaleFactorsGiveTheNearestDecimal() {
        assertThat(SunSpecDecoder.scale(12345, -2)).isEqualTo(123.45);
        assertThat(SunSpecDecoder.scale(5002, -2)).isEqualTo(50.02);
    }

    @Test
    void aBlockShorterThanTheProfileSaysIsRefused() {
        assertThatThrownBy(() -> new SunSpecDecoder().decode(MODEL, new short[]{(short) 64000, 5, 0, 0, 0, 0, 0}))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new SunSpecDecoder().decode(MODEL, new short[]{103, 6, 0, 0, 0, 0, 0, 0}))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
