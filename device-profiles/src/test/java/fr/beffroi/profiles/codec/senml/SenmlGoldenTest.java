package fr.beffroi.profiles.codec.senml;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import fr.beffroi.profiles.load.ProfileLoader;
import fr.beffroi.profiles.model.ModelSpec;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * Golden SenML packs (src/test/resources/senml): the payload exactly as a probe sends it, beside the
 * values the groundwater profile must read from it, or the error that must name the record and field.
 */
class SenmlGoldenTest {

    private static final ModelSpec PROBE = new ProfileLoader().load("groundwater", "senml-probe").models().get(0);

    private final SenmlParser parser = new SenmlParser();
    private final SenmlDecoder decoder = new SenmlDecoder(PROBE);

    @ParameterizedTest
    @ValueSource(strings = {"base-name-time-unit", "hourly-series", "relative-time"})
    void goldenPackDecodesToItsValues(String name) throws Exception {
        JsonNode golden = golden(name);

        SenmlDecoder.Decoded decoded = decoder.decode(parser.parse(payload(golden), now(golden)));

        List<SenmlValue> expected = new ArrayList<>();
        golden.get("values").forEach(v -> expected.add(new SenmlValue(v.get("point").textValue(),
                Instant.parse(v.get("time").textValue()), v.get("value").doubleValue(), v.get("unit").textValue())));
        assertThat(decoded.values()).containsExactlyElementsOf(expected);
        List<String> unmapped = new ArrayList<>();
        golden.get("unmapped").forEach(n -> unmapped.add(n.textValue()));
        assertThat(decoded.unmapped()).containsExactlyElementsOf(unmapped);
    }

    @ParameterizedTest
    @ValueSource(strings = {"bad-value-type", "bad-must-understand", "bad-no-value", "bad-unit",
            "bad-string-for-point", "bad-not-array", "bad-record-not-object", "bad-name", "bad-json"})
    void malformedPackFailsNamingRecordAndField(String name) throws Exception {
        JsonNode golden = golden(name);

        SenmlException e = catchThrowableOfType(SenmlException.class,
                () -> decoder.decode(parser.parse(payload(golden), now(golden))));

        assertThat(e).as(golden.get("description").textValue()).isNotNull();
        assertThat(e.getMessage()).startsWith(golden.get("error").textValue());
    }

    private static JsonNode golden(String name) throws IOException {
        try (InputStream in = SenmlGoldenTest.class.getResourceAsStream("/senml/" + name + ".json")) {
            return new ObjectMapper().readTree(in);
        }
    }

    private static byte[] payload(JsonNode golden) {
        return golden.get("payload").textValue().getBytes(StandardCharsets.UTF_8);
    }

    private static Instant now(JsonNode golden) {
        return Instant.parse(golden.get("now").textValue());
    }
}
