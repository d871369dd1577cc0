package fr.beffroi.profiles.codec.sunspec;

import com.fasterxml.jackson.databind.JsonNode;
import fr.beffroi.profiles.load.ProfileLoader;
import fr.beffroi.profiles.model.DeviceProfile;
import fr.beffroi.profiles.model.ModelSpec;
import fr.beffroi.profiles.wire.Quality;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** Golden dumps → the model map and the values the bundled profile decodes from them. */
class SunSpecGoldenDumpTest {

    private static final DeviceProfile PROFILE = new ProfileLoader().load("pv", "sunspec-inverter");

    @ParameterizedTest
    @ValueSource(strings = {"normal-l66-103", "old-l65-103", "not-implemented-101", "marker-at-0-102"})
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
    @ValueSource(strings = {"normal-l66-103", "old-l65-103", "not-implemented-101", "marker-at-0-102"})
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
}
