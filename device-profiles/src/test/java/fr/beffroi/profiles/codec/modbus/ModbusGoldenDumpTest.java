package fr.beffroi.profiles.codec.modbus;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import fr.beffroi.profiles.load.ProfileLoader;
import fr.beffroi.profiles.model.DeviceProfile;
import fr.beffroi.profiles.wire.Quality;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Golden register dumps of a building controller ({@code src/test/resources/modbus/}) → the read
 * plan and the readings the bundled {@code bms/modbus-building} profile decodes from them. The
 * words were written from the values by hand (and a few lines of Python), not by this codec.
 */
class ModbusGoldenDumpTest {

    private static final DeviceProfile PROFILE = new ProfileLoader().load("bms", "modbus-building");
    /** The gap the edge driver reads across: the building block ends at 8, zones start at 16. */
    private static final int MAX_GAP = 16;

    @ParameterizedTest
    @ValueSource(strings = {"school-two-zones", "edge-values-one-zone"})
    void zoneCountThenOneReadThenTheGoldenReadings(String name) throws IOException {
        JsonNode dump = load(name);
        Map<Integer, Short> registers = registers(dump);

        // GIVEN the blocks that appear once, read first to learn the zone count
        RegisterLayout once = RegisterLayout.once(PROFILE);
        List<ReadSpan> onceSpans = once.spans(MAX_GAP);
        Map<String, Integer> instances = RegisterLayout.instances(PROFILE, once.decode(onceSpans, read(registers, onceSpans)));
        Map<String, Integer> expectedInstances = new LinkedHashMap<>();
        dump.get("instances").properties().forEach(e -> expectedInstances.put(e.getKey(), e.getValue().intValue()));
        assertThat(instances).isEqualTo(expectedInstances);

        // WHEN the whole layout is planned and decoded
        RegisterLayout layout = RegisterLayout.of(PROFILE, instances);
        List<ReadSpan> spans = layout.spans(MAX_GAP);
        List<ModbusValue> values = layout.decode(spans, read(registers, spans));

        // THEN one read covers building and zones, and every reading matches the dump's
        List<ReadSpan> expectedSpans = new ArrayList<>();
        dump.get("expected").get("spans").forEach(s -> expectedSpans.add(new ReadSpan(s.get("address").intValue(),
                s.get("count").intValue())));
        assertThat(spans).isEqualTo(expectedSpans);
        List<ModbusValue> expected = new ArrayList<>();
        dump.get("expected").get("readings").forEach(r -> expected.add(new ModbusValue(r.get("point").textValue(),
                r.get("value").doubleValue(), r.get("unit").textValue(), Quality.valueOf(r.get("quality").textValue()))));
        assertThat(values).containsExactlyInAnyOrderElementsOf(expected);
    }

    private static List<short[]> read(Map<Integer, Short> registers, List<ReadSpan> spans) {
        List<short[]> out = new ArrayList<>();
        for (ReadSpan s : spans) {
            short[] w = new short[s.count()];
            for (int i = 0; i < s.count(); i++) {
                Short word = registers.get(s.address() + i);
                assertThat(word).as("register %d is in the dump", s.address() + i).isNotNull();
                w[i] = word;
            }
            out.add(w);
        }
        return out;
    }

    private static Map<Integer, Short> registers(JsonNode dump) {
        Map<Integer, Short> registers = new HashMap<>();
        for (JsonNode range : dump.get("registers")) {
            int address = range.get("address").intValue();
            for (JsonNode row : range.get("words")) {
                for (String word : row.textValue().trim().split("\\s+")) {
                    registers.put(address++, (short) Integer.parseInt(word, 16));
                }
            }
        }
        return registers;
    }

    private static JsonNode load(String name) throws IOException {
        try (InputStream in = ModbusGoldenDumpTest.class.getResourceAsStream("/modbus/" + name + ".json")) {
            assertThat(in).as("golden dump %s", name).isNotNull();
            return new ObjectMapper().readTree(in);
        }
    }
}
