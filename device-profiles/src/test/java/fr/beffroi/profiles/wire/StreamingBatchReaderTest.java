package fr.beffroi.profiles.wire;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Moved from the ingest: the fast reader must agree with data binding, or decline. */
class StreamingBatchReaderTest {
    private static final String PLAIN = """
            {"tenant":"liancourt","gateway":"gw-1","seqFrom":1,"seqTo":2,"sentAt":"2026-11-25T10:00:00Z",\
            "readings":[{"seq":1,"device":"pv-1","point":"W","ts":"2026-11-25T10:00:00.5Z","value":1200,\
            "unit":"W","quality":"GOOD"},{"seq":2,"device":"pv-1","point":"WH","ts":"2026-11-25T10:00:01.123456789Z",\
            "value":-3.25E7,"unit":"W.h","quality":"UNCERTAIN"}]}""";

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    /** WireCodec's data binding alone, without the fast path in front of it. */
    private static ReadingBatch bound(byte[] json) throws Exception {
        return WireCodec.BATCH.readValue(json);
    }

    @Test
    void whatWireCodecEncodesIsReadAsWireCodecReadsIt() throws Exception {
        List<Reading> readings = new ArrayList<>();
        Instant base = Instant.parse("2026-11-25T10:00:00Z");
        for (int i = 1; i <= 50; i++) {
            // Every fraction width Instant.toString produces: none, 3, 6 and 9 digits.
            Instant ts = base.plusSeconds(i).plusNanos(i % 4 == 0 ? 0 : i % 4 == 1 ? i * 1_000_000L
                    : i % 4 == 2 ? i * 1_000L : i);
            readings.add(new Reading(i, "pv-" + (i % 3), "W", ts, i * 1.5e-3 - 7, "W",
                    Quality.values()[i % Quality.values().length],
                    i % 5 == 0 ? Map.of("tag", "0003E71CBE991A" + i, "côté \"g\"", "a\tb") : Map.of()));
        }
        readings.add(new Reading(51, "salle des fêtes \"nord\"\t°C", "Hz", base, Double.MAX_VALUE, "1", Quality.BAD));
        byte[] json = WireCodec.MAPPER.writeValueAsBytes(
                new ReadingBatch("liancourt", "gw-1", 1, 60, base.plusMillis(7), readings));

        ReadingBatch fast = StreamingBatchReader.read(json);

        assertThat(fast).isNotNull().isEqualTo(bound(json)).isEqualTo(WireCodec.decodeBatch(json));
    }

    @Test
    void everyValueIsReadToTheBitAsDataBindingReadsIt() throws Exception {
        // The fast path parses values with Jackson's FastDoubleParser, data binding with the JDK's.
        List<Double> values = new ArrayList<>(List.of(0.1, 0.2, 1e23, 9007199254740993.0, 4.9e-324, 2.2250738585072014E-308,
                2.225073858507201E-308, 1.7976931348623157e308, -0.0, 123456.789e-5, 1000.0 + 976 * 3.25));
        java.util.Random random = new java.util.Random(42);
        for (int i = 0; i < 2_000; i++) {
            double v = Double.longBitsToDouble(random.nextLong());
            if (Double.isFinite(v)) values.add(v);
            values.add(random.nextInt(1_000_000) / 1000.0);
        }
        Instant base = Instant.parse("2026-11-25T10:00:00Z");
        List<Reading> readings = new ArrayList<>();
        for (int i = 0; i < values.size(); i++) {
            readings.add(new Reading(i + 1, "d", "p", base, values.get(i), "1", Quality.GOOD));
        }
        byte[] json = WireCodec.encode(new ReadingBatch("t", "g", 1, values.size(), base, readings));
        // Also the forms the JDK writes no longer but a gateway might: many digits, exponents, integers.
        byte[] odd = utf8(PLAIN.replace("-3.25E7", "0.30000000000000004441")
                .replace("\"value\":1200", "\"value\":1.00000000000000011102230246251565404236316680908203125"));

        ReadingBatch fast = StreamingBatchReader.read(json);

        assertThat(fast).isNotNull().isEqualTo(bound(json));
        assertThat(StreamingBatchReader.read(odd)).isNotNull().isEqualTo(bound(odd));
    }

    @Test
    void thePlainShapeIsReadLikeWireCodec() throws Exception {
        assertThat(StreamingBatchReader.read(utf8(PLAIN))).isNotNull().isEqualTo(bound(utf8(PLAIN)))
                .isEqualTo(WireCodec.decodeBatch(utf8(PLAIN)));
    }

    @Test
    void aReadingsFieldsInAnotherOrderAreReadAllTheSame() throws Exception {
        // A third party's encoder may order fields as it likes; only ours is expected, none is required.
        String reordered = PLAIN.replace("{\"seq\":1,\"device\":\"pv-1\",\"point\":\"W\",",
                "{\"point\":\"W\",\"device\":\"pv-1\",\"seq\":1,");
        String attrsFirst = PLAIN.replace("{\"seq\":2,", "{\"attrs\":{\"k\":\"v\"},\"seq\":2,");
        String qualityFirst = PLAIN.replace(",\"quality\":\"UNCERTAIN\"}", "}")
                .replace("{\"seq\":2,", "{\"quality\":\"UNCERTAIN\",\"seq\":2,");
        for (String json : List.of(reordered, attrsFirst, qualityFirst)) {
            assertThat(StreamingBatchReader.read(utf8(json))).as(json).isNotNull().isEqualTo(bound(utf8(json)));
        }
        assertThat(StreamingBatchReader.read(utf8(qualityFirst)).readings().get(1).quality())
                .isEqualTo(Quality.UNCERTAIN);
        // Repeated or unknown inside a reading, in or out of the expected order: left to data binding.
        assertThat(StreamingBatchReader.read(utf8(PLAIN.replace("\"seq\":1,", "\"seq\":1,\"seq\":1,")))).isNull();
        assertThat(StreamingBatchReader.read(utf8(PLAIN.replace("\"quality\":\"GOOD\"",
                "\"quality\":\"GOOD\",\"unit\":\"W\"")))).isNull();
        assertThat(StreamingBatchReader.read(utf8(PLAIN.replace("\"seq\":1,", "\"sek\":1,\"seq\":1,")))).isNull();
    }

    @Test
    void anythingOutsideThePlainShapeIsLeftToWireCodec() {
        List<String> odd = List.of(
                PLAIN.replace("\"tenant\":\"liancourt\",", ""),                       // missing field
                PLAIN.replace("\"tenant\":\"liancourt\"", "\"tenant\":null"),          // null
                PLAIN.replace("\"seqFrom\":1,", "\"seqFrom\":1,\"seqFrom\":1,"),       // repeated
                PLAIN.replace("\"seqFrom\":1,", "\"seqFrom\":1,\"extra\":1,"),         // unknown
                PLAIN.replace("\"seqFrom\":1", "\"seqFrom\":\"1\""),                   // coercion
                PLAIN.replace("\"seqFrom\":1", "\"seqFrom\":1.0"),                     // coercion
                PLAIN.replace("\"seqFrom\":1", "\"seqFrom\":99999999999999999999"),    // overflow
                PLAIN.replace("\"value\":1200", "\"value\":\"NaN\""),                  // NaN as text
                PLAIN.replace("\"quality\":\"GOOD\"", "\"quality\":0"),                // enum index
                PLAIN.replace("\"quality\":\"GOOD\"", "\"quality\":\"good\""),         // unknown constant
                PLAIN.replace("2026-11-25T10:00:00.5Z", "2026-11-25T11:00:00.5+01:00"), // offset
                PLAIN.replace("2026-11-25T10:00:00.5Z", "2026-11-25T23:59:60Z"),       // leap second
                PLAIN.replace("2026-11-25T10:00:00.5Z", "2026-11-25T10:00:00.Z"),      // empty fraction
                PLAIN.replace("\"sentAt\":\"2026-11-25T10:00:00Z\"", "\"sentAt\":1764064800"), // epoch number
                PLAIN.replace("\"readings\":[", "\"readings\":[1,"),                   // not an object
                PLAIN + " {}",                                                          // trailing content
                PLAIN.replace("\"quality\":\"GOOD\"", "\"quality\":\"GOOD\",\"attrs\":{\"n\":1}"),  // non-text attr
                PLAIN.replace("\"quality\":\"GOOD\"", "\"quality\":\"GOOD\",\"attrs\":null"),     // null attrs
                PLAIN.replace("\"quality\":\"GOOD\"", "\"quality\":\"GOOD\",\"attrs\":{\"a\":\"1\",\"a\":\"2\"}"), // repeated key
                PLAIN.replace("\"quality\":\"GOOD\"", "\"quality\":\"GOOD\",\"attrs\":{},\"attrs\":{}"), // repeated attrs
                "{not json",
                "null",
                "");
        for (String json : odd) {
            assertThat(StreamingBatchReader.read(utf8(json))).as(json).isNull();
        }
    }

    @Test
    void whatTheFastPathDeclinesDataBindingStillJudges() throws Exception {
        // Accepted by data binding though not plain: the same batch comes back through WireCodec.
        String trailing = PLAIN + " {}";
        String offset = PLAIN.replace("2026-11-25T10:00:00.5Z", "2026-11-25T11:00:00.5+01:00");
        assertThat(WireCodec.decodeBatch(utf8(offset))).isEqualTo(bound(utf8(offset)));
        assertThat(WireCodec.decodeBatch(utf8(trailing))).isEqualTo(bound(utf8(PLAIN)));
        // Refused: data binding's message, naming the JSON path.
        assertThatThrownBy(() -> WireCodec.decodeBatch(utf8(PLAIN.replace("\"seqFrom\":1,", "\"seqFrom\":1,\"extra\":1,"))))
                .isInstanceOf(WireFormatException.class).hasMessageStartingWith("ReadingBatch at $.extra");
        assertThatThrownBy(() -> WireCodec.decodeBatch(utf8("{not json")))
                .isInstanceOf(WireFormatException.class).hasMessageStartingWith("ReadingBatch: not valid JSON");
        assertThatThrownBy(() -> WireCodec.decodeBatch(utf8("null")))
                .isInstanceOf(WireFormatException.class).hasMessage("ReadingBatch: empty message");
    }
}
