package fr.beffroi.profiles.codec.senml;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class SenmlParserTest {

    private static final Instant NOW = Instant.parse("2026-11-25T10:15:00Z");
    private final SenmlParser parser = new SenmlParser();

    private List<SenmlRecord> parse(String json) throws SenmlException {
        return parser.parse(json.getBytes(StandardCharsets.UTF_8), NOW);
    }

    @Test
    void baseFieldsHoldUntilReplaced() throws Exception {
        List<SenmlRecord> records = parse("""
                [{"bn":"a:","bu":"m","n":"x","v":1},{"n":"y","v":2},{"bn":"b:","bu":"Cel","n":"x","v":3},{"n":"z","u":"%","v":4}]""");

        assertThat(records).extracting(SenmlRecord::name).containsExactly("a:x", "a:y", "b:x", "b:z");
        assertThat(records).extracting(r -> r.unit().orElse("")).containsExactly("m", "m", "Cel", "%");
        assertThat(records).extracting(SenmlRecord::localName).containsExactly("x", "y", "x", "z");
    }

    @Test
    void sumWithBaseSumIsAValueOfItsOwn() throws Exception {
        SenmlRecord r = parse("[{\"bn\":\"meter\",\"bs\":100,\"s\":2.5}]").get(0);

        assertThat(r.sum()).contains(102.5);
        assertThat(r.value()).isEmpty();
        assertThat(r.time()).isEqualTo(NOW);
    }

    @Test
    void fractionalAbsoluteTimeKeepsItsMilliseconds() throws Exception {
        SenmlRecord r = parse("[{\"n\":\"level\",\"t\":1774094400.25,\"v\":1}]").get(0);

        assertThat(r.time()).isEqualTo(Instant.parse("2026-03-21T12:00:00.250Z"));
    }

    @Test
    void twoValuesInOneRecordAreRefused() {
        SenmlException e = catchThrowableOfType(SenmlException.class,
                () -> parse("[{\"n\":\"level\",\"v\":1,\"vs\":\"one\"}]"));

        assertThat(e.getMessage()).isEqualTo("record 0, field 'vs': a record carries one value, found v and vs");
        assertThat(e.record()).hasValue(0);
    }

    @Test
    void newerSenmlVersionIsRefused() {
        SenmlException e = catchThrowableOfType(SenmlException.class,
                () -> parse("[{\"bver\":11,\"n\":\"level\",\"v\":1}]"));

        assertThat(e.getMessage()).isEqualTo("record 0, field 'bver': SenML version 11 is newer than 10");
    }

    @Test
    void duplicateKeysInARecordAreMalformed() {
        SenmlException e = catchThrowableOfType(SenmlException.class,
                () -> parse("[{\"n\":\"level\",\"v\":1,\"v\":2}]"));

        assertThat(e.getMessage()).startsWith("not JSON: Duplicate field 'v'");
    }
}
