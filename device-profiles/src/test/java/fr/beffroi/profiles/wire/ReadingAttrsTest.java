package fr.beffroi.profiles.wire;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A reading's event attributes on the wire: optional, text only, omitted when empty. */
class ReadingAttrsTest {
    private static final Instant TS = Instant.parse("2026-11-25T07:42:13.250Z");
    private static final Map<String, String> LIFT = lift();

    private static Map<String, String> lift() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("tag", "0003E71CBE991A14");
        m.put("status", "OK");
        m.put("side", "LEFT");
        m.put("lat", "49.3712");
        m.put("lon", "2.4125");
        m.put("stream", "OMR");
        return m;
    }

    /** A bin lift (with attributes) then a plain weight sample (without). */
    private static ReadingBatch batch() {
        return new ReadingBatch("liancourt", "truck-07", 9001, 9002, TS.plusSeconds(1), List.of(
                new Reading(9001, "truck-07-rfid", "lift", TS, 12.4, "kg", Quality.GOOD, LIFT),
                new Reading(9002, "truck-07-rfid", "load", TS, 3120.5, "kg", Quality.GOOD)));
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static String json(ReadingBatch batch) {
        return new String(WireCodec.encode(batch), StandardCharsets.UTF_8);
    }

    private static final String OLD = """
            {"tenant":"liancourt","gateway":"gw-1","seqFrom":1,"seqTo":1,"sentAt":"2026-11-25T10:00:00Z",\
            "readings":[{"seq":1,"device":"pv-1","point":"W","ts":"2026-11-25T10:00:00.5Z","value":1200,\
            "unit":"W","quality":"GOOD"}]}""";

    @Test
    void attributesAreAnObjectOfStringsAfterQualityAndOmittedWhenEmpty() {
        String json = json(batch());

        assertThat(json).contains("\"quality\":\"GOOD\",\"attrs\":{\"tag\":\"0003E71CBE991A14\",\"status\":\"OK\","
                        + "\"side\":\"LEFT\",\"lat\":\"49.3712\",\"lon\":\"2.4125\",\"stream\":\"OMR\"}}")
                .contains("\"unit\":\"kg\",\"quality\":\"GOOD\"}]");
        assertThat(json.indexOf("attrs")).isEqualTo(json.lastIndexOf("attrs"));
    }

    @Test
    void roundTripsWithAndWithoutAttributes() throws Exception {
        ReadingBatch batch = batch();

        ReadingBatch back = WireCodec.decodeBatch(WireCodec.encode(batch));

        assertThat(back).isEqualTo(batch);
        assertThat(back.readings().get(0).attrs()).containsExactlyEntriesOf(LIFT);
        assertThat(back.readings().get(1).attrs()).isEmpty();
        // Data binding alone agrees (the fast paths are not the only ones that know attrs).
        ReadingBatch bound = WireCodec.BATCH.readValue(WireCodec.MAPPER.writeValueAsBytes(batch));
        assertThat(bound).isEqualTo(batch);
        assertThat(bound.readings().get(1).attrs()).isNotNull().isEmpty();
        assertThat(batch.problems()).isEmpty();
    }

    @Test
    void aPayloadWithoutAttrsStillDecodesThroughBothPaths() throws Exception {
        ReadingBatch fast = WireCodec.decodeBatch(utf8(OLD));
        ReadingBatch bound = WireCodec.BATCH.readValue(utf8(OLD));

        assertThat(fast).isEqualTo(bound);
        assertThat(bound.readings().get(0).attrs()).isNotNull().isEmpty();
        // An explicitly empty object is the same reading.
        assertThat(WireCodec.decodeBatch(utf8(OLD.replace("\"quality\":\"GOOD\"", "\"quality\":\"GOOD\",\"attrs\":{}"))))
                .isEqualTo(fast);
    }

    @Test
    void otherMissingFieldsAreStillRefused() {
        // The injectable makes attrs alone optional: FAIL_ON_MISSING_CREATOR_PROPERTIES still holds.
        assertThatThrownBy(() -> WireCodec.decodeBatch(utf8(OLD.replace("\"seq\":1,", ""))))
                .isInstanceOf(WireFormatException.class).hasMessageStartingWith("ReadingBatch at $.readings[0].seq")
                .hasMessageContaining("Missing creator property 'seq'");
        assertThatThrownBy(() -> WireCodec.decodeBatch(utf8(OLD.replace(",\"value\":1200", ""))))
                .isInstanceOf(WireFormatException.class).hasMessageStartingWith("ReadingBatch at $.readings[0].value");
    }

    @Test
    void aNonStringAttributeIsRefusedWithItsPath() {
        for (String value : List.of("12.4", "true", "{\"a\":\"b\"}", "[\"x\"]")) {
            byte[] json = utf8(OLD.replace("\"quality\":\"GOOD\"",
                    "\"quality\":\"GOOD\",\"attrs\":{\"tag\":\"0003E71CBE991A14\",\"weight\":" + value + "}"));
            assertThat(StreamingBatchReader.read(json)).as(value).isNull();
            assertThatThrownBy(() -> WireCodec.decodeBatch(json)).as(value)
                    .isInstanceOf(WireFormatException.class)
                    .hasMessageStartingWith("ReadingBatch at $.readings[0].attrs.weight");
        }
        byte[] nullValue = utf8(OLD.replace("\"quality\":\"GOOD\"", "\"quality\":\"GOOD\",\"attrs\":{\"tag\":null}"));
        assertThatThrownBy(() -> WireCodec.decodeBatch(nullValue))
                .isInstanceOf(WireFormatException.class).hasMessageStartingWith("ReadingBatch at $.readings[0].attrs.tag");
        byte[] nullAttrs = utf8(OLD.replace("\"quality\":\"GOOD\"", "\"quality\":\"GOOD\",\"attrs\":null"));
        assertThatThrownBy(() -> WireCodec.decodeBatch(nullAttrs))
                .isInstanceOf(WireFormatException.class).hasMessageStartingWith("ReadingBatch at $.readings[0].attrs:");
        byte[] notAnObject = utf8(OLD.replace("\"quality\":\"GOOD\"", "\"quality\":\"GOOD\",\"attrs\":\"tag=1\""));
        assertThatThrownBy(() -> WireCodec.decodeBatch(notAnObject))
                .isInstanceOf(WireFormatException.class).hasMessageStartingWith("ReadingBatch at $.readings[0].attrs");
    }

    @Test
    void problemsNameBadAttributes() {
        Map<String, String> many = new LinkedHashMap<>();
        for (int i = 0; i < ReadingBatch.MAX_ATTRS + 1; i++) many.put("k" + i, "v");
        List<Map<String, String>> bad = List.of(
                Map.of(" ", "x"),
                Map.of("k".repeat(ReadingBatch.MAX_ATTR_KEY + 1), "x"),
                Map.of("tag", "v".repeat(ReadingBatch.MAX_ATTR_VALUE + 1)),
                Map.of("tag", "a\0b"),
                many);
        List<String> expected = List.of(".attrs: blank key", ".attrs: key longer than 64", ".attrs.tag: longer than 1024",
                ".attrs.tag: longer than 1024 characters or holds a NUL", ".attrs: 33 attributes, at most 32");
        for (int i = 0; i < bad.size(); i++) {
            ReadingBatch b = new ReadingBatch("t", "g", 1, 1, TS,
                    List.of(new Reading(1, "d", "p", TS, 1, "1", Quality.GOOD, bad.get(i))));
            assertThat(b.problems()).as(expected.get(i)).singleElement().asString()
                    .startsWith("readings[0]" + expected.get(i));
        }
        Map<String, String> atLimits = new LinkedHashMap<>();
        for (int i = 0; i < ReadingBatch.MAX_ATTRS - 1; i++) atLimits.put("k" + i, "v");
        atLimits.put("k".repeat(ReadingBatch.MAX_ATTR_KEY), "v".repeat(ReadingBatch.MAX_ATTR_VALUE));
        assertThat(new ReadingBatch("t", "g", 1, 1, TS,
                List.of(new Reading(1, "d", "p", TS, 1, "1", Quality.GOOD, atLimits))).problems()).isEmpty();
    }

    @Test
    void attributesAreNeverNullAndKeptInOrder() {
        Reading plain = new Reading(1, "d", "p", TS, 1, "1", Quality.GOOD);
        assertThat(plain.attrs()).isEmpty();
        assertThat(plain.withSeq(2).attrs()).isEmpty();
        Reading lift = new Reading(1, "d", "p", TS, 1, "1", Quality.GOOD, LIFT);
        assertThat(lift.withSeq(7).attrs()).containsExactlyEntriesOf(LIFT);
        assertThatThrownBy(() -> lift.attrs().put("x", "y")).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> new Reading(1, "d", "p", TS, 1, "1", Quality.GOOD, null))
                .isInstanceOf(NullPointerException.class);
    }

    @Test
    void storesKeepAttributesAsOneJsonObject() throws Exception {
        assertThat(WireCodec.attrsJson(Map.of())).isNull();
        String json = WireCodec.attrsJson(LIFT);
        assertThat(json).startsWith("{\"tag\":\"0003E71CBE991A14\",\"status\"");
        assertThat(WireCodec.attrsFromJson(json)).containsExactlyEntriesOf(LIFT);
        assertThat(WireCodec.attrsFromJson(null)).isEmpty();
    }
}
