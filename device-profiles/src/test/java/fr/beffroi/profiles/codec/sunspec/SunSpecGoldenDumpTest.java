package fr.beffroi.profiles.codec.sunspec;

import com.fasterxml.jackson.databind.JsonNode;
import fr.beffroi.profiles.load.ProfileLoader;
import fr.beffroi.profiles.model.DeviceProfile;
import fr.beffroi.profiles.model.ModelSpec;
import fr.beffroi.profiles.wire.Quality;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/** Golden dumps → the model map and the values the bundled profile decodes from them. */
class SunSpecGoldenDumpTest {

    private static final DeviceProfile PROFILE = new ProfileLoader().load("pv", "sunspec-inverter");

    @ParameterizedTest
    @ValueSource(strings = {"normal-l66-103", "old-l65-103", "not-implemented-101", "marker-at-0-102", "mppt2-l66-103-160"})
    void scanFindsTheMarkerAndWalksTheChainByAnnouncedLengths(String name) throws Exception {
        GoldenDump dump = GoldenDump.load(name);

        SunSpecModelMap map = new SunSpecScanner(dump).scan();

        assertThat(map.base()).isEqualTo(dump.expected.get("base").intValue());
        List<ModelBlock> expected = new ArrayList<>();
        for (JsonNode b : dump.expected.get("blocks")) {
            expected.add(new ModelBlock(b.get("id").intValue(), b.get("length").intValue(), b.get("address").intValue()));
        }
        assertThat(map.blocks()).containsExactlyElementsOf(expected);
    }

    @ParameterizedTest
    @ValueSource(strings = {"normal-l66-103", "old-l65-103", "not-implemented-101", "marker-at-0-102", "mppt2-l66-103-160"})
    void identityAndMeasurementsDecodeToTheGoldenValues(String name) throws Exception {
        GoldenDump dump = GoldenDump.load(name);
        SunSpecModelMap map = new SunSpecScanner(dump).scan();
        SunSpecDecoder decoder = new SunSpecDecoder();

        Map<String, String> identity = new LinkedHashMap<>();
        ModelSpec common = PROFILE.models().get(0);
        for (DecodedPoint p : decoder.decode(common, SunSpecScanner.readBlock(dump, map.find(common.ids()).orElseThrow()))) {
            identity.put(p.point(), p.text().orElseThrow());
        }
        Map<String, String> expectedIdentity = new LinkedHashMap<>();
        dump.expected.get("identity").properties().forEach(e -> expectedIdentity.put(e.getKey(), e.getValue().textValue()));
        assertThat(identity).containsExactlyInAnyOrderEntriesOf(expectedIdentity);

        ModelSpec inverter = PROFILE.polledModels().get(0);
        List<DecodedPoint> points = decoder.decode(inverter,
                SunSpecScanner.readBlock(dump, map.find(inverter.ids()).orElseThrow()));

        JsonNode expectedPoints = dump.expected.get("points");
        assertThat(points).hasSize(expectedPoints.size());
        for (int i = 0; i < expectedPoints.size(); i++) {
            JsonNode want = expectedPoints.get(i);
            DecodedPoint got = points.get(i);
            String point = want.get("point").textValue();
            assertThat(got.point()).isEqualTo(point);
            assertThat(got.value()).as(name + " " + point).isCloseTo(want.get("value").doubleValue(), within(1e-9));
            assertThat(got.unit()).as(name + " " + point).contains(want.get("unit").textValue());
            assertThat(got.quality()).as(name + " " + point).isEqualTo(Quality.valueOf(want.get("quality").textValue()));
        }
    }

    @Test
    void mpptExtensionDecodesEachModuleWithTheSharedScaleFactors() throws Exception {
        GoldenDump dump = GoldenDump.load("mppt2-l66-103-160");
        SunSpecModelMap map = new SunSpecScanner(dump).scan();
        ModelSpec mppt = PROFILE.models().stream().filter(m -> m.matches(160)).findFirst().orElseThrow();
        ModelBlock block = map.find(mppt.ids()).orElseThrow();

        int readsBefore = dump.reads;
        List<DecodedPoint> points = new SunSpecDecoder().decode(mppt, SunSpecScanner.readBlock(dump, block));
        assertThat(dump.reads - readsBefore).as("the whole model in one read").isEqualTo(1);

        Map<String, String> text = new LinkedHashMap<>();
        points.stream().filter(DecodedPoint::isText).forEach(p -> text.put(p.point(), p.text().orElseThrow()));
        Map<String, String> expectedText = new LinkedHashMap<>();
        dump.expected.get("mpptText").properties().forEach(e -> expectedText.put(e.getKey(), e.getValue().textValue()));
        assertThat(text).containsExactlyEntriesOf(expectedText);

        List<DecodedPoint> numbers = points.stream().filter(p -> !p.isText()).toList();
        JsonNode expected = dump.expected.get("mppt");
        assertThat(numbers).extracting(DecodedPoint::point)
                .containsExactlyElementsOf(expected.findValuesAsText("point"));
        for (int i = 0; i < expected.size(); i++) {
            JsonNode want = expected.get(i);
            DecodedPoint got = numbers.get(i);
            String point = want.get("point").textValue();
            assertThat(got.value()).as(point).isCloseTo(want.get("value").doubleValue(), within(1e-9));
            assertThat(got.unit()).as(point).contains(want.get("unit").textValue());
            assertThat(got.quality()).as(point).isEqualTo(Quality.valueOf(want.get("quality").textValue()));
        }
    }

    @Test
    void anMpptCountPastTheAnnouncedLengthIsRefusedNotTrimmed() throws Exception {
        GoldenDump dump = GoldenDump.load("mppt2-l66-103-160");
        SunSpecModelMap map = new SunSpecScanner(dump).scan();
        ModelSpec mppt = PROFILE.models().stream().filter(m -> m.matches(160)).findFirst().orElseThrow();
        short[] words = SunSpecScanner.readBlock(dump, map.find(mppt.ids()).orElseThrow());
        words[8] = 3; // N = 3, but L = 48 holds two modules

        assertThatThrownBy(() -> new SunSpecDecoder().decode(mppt, words))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("announces 3 mppt instances (mppt.N), which need 70 words; the block has 50");

        words[8] = (short) 0xFFFF; // N not implemented: no modules, the fixed part still decodes
        assertThat(new SunSpecDecoder().decode(mppt, words)).extracting(DecodedPoint::point)
                .containsExactly("mppt.Evt", "mppt.N", "mppt.TmsPer");
    }
}
