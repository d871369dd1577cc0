package fr.beffroi.profiles.wire;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.io.SerializedString;

import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The fast path of {@link WireCodec#decodeBatch}: Jackson's streaming parser over the exact shape a
 * gateway sends (every field once, of its own JSON type, instants as {@code ...T..:..:..[.f]Z},
 * a reading's optional {@code attrs} as an object of strings, each key once),
 * building the records directly. Decoding was the ingest's largest CPU cost after COPY, mostly
 * in data binding and the general ISO instant parser.
 *
 * <p>It answers only when it is sure: anything else — a missing, unknown, repeated or null field,
 * a number where a text belongs, a coercion data binding would make, an instant in another form,
 * trailing content, invalid JSON — returns null and WireCodec falls back to data binding, which
 * stays the contract's one authority and names the fault.
 * So this accepts a subset of what WireCodec accepts and yields the same batch for it (tests
 * compare the two).
 */
final class StreamingBatchReader {
    private static final int TENANT = 1;
    private static final int GATEWAY = 1 << 1;
    private static final int SEQ_FROM = 1 << 2;
    private static final int SEQ_TO = 1 << 3;
    private static final int SENT_AT = 1 << 4;
    private static final int READINGS = 1 << 5;
    private static final int ALL_BATCH = (1 << 6) - 1;

    private static final int SEQ = 1;
    private static final int DEVICE = 1 << 1;
    private static final int POINT = 1 << 2;
    private static final int TS = 1 << 3;
    private static final int VALUE = 1 << 4;
    private static final int UNIT = 1 << 5;
    private static final int QUALITY = 1 << 6;
    private static final int ALL_READING = (1 << 7) - 1;
    /** Optional, so not part of ALL_READING. */
    private static final int ATTRS = 1 << 7;

    /**
     * A reading's fields in the order every writer of ours gives them (StreamingBatchWriter, data
     * binding): each name is first compared as raw bytes against the one expected next, which skips
     * the parser's name lookup; any other order still works, through that lookup.
     */
    private static final Quality[] QUALITIES = Quality.values();
    private static final SerializedString[] READING_ORDER = {
        new SerializedString("seq"), new SerializedString("device"), new SerializedString("point"),
        new SerializedString("ts"), new SerializedString("value"), new SerializedString("unit"),
        new SerializedString("quality"),
    };
    private static final int[] READING_FIELDS = {SEQ, DEVICE, POINT, TS, VALUE, UNIT, QUALITY};

    private StreamingBatchReader() {
    }

    /** The batch, or null when the payload is not in the plain shape (then WireCodec decides). */
    static ReadingBatch read(byte[] payload) {
        // WireCodec's own mapper's factory: no comments, no NaN literals, no duplicates check, as there.
        try (JsonParser p = WireCodec.MAPPER.getFactory().createParser(payload)) {
            // Jackson's bundled FastDoubleParser: correctly rounded like Double.parseDouble (so the
            // same value data binding reads), several times faster on the value of every reading.
            p.enable(JsonParser.Feature.USE_FAST_DOUBLE_PARSER);
            ReadingBatch batch = batch(p);
            // Trailing content: WireCodec ignores it, but "sure" means nothing odd at all.
            return batch != null && p.nextToken() == null ? batch : null;
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    private static ReadingBatch batch(JsonParser p) throws IOException {
        if (p.nextToken() != JsonToken.START_OBJECT) return null;
        String tenant = null;
        String gateway = null;
        long seqFrom = 0;
        long seqTo = 0;
        Instant sentAt = null;
        List<Reading> readings = null;
        int seen = 0;
        String name;
        while ((name = p.nextFieldName()) != null) {
            int field = switch (name) {
                case "tenant" -> TENANT;
                case "gateway" -> GATEWAY;
                case "seqFrom" -> SEQ_FROM;
                case "seqTo" -> SEQ_TO;
                case "sentAt" -> SENT_AT;
                case "readings" -> READINGS;
                default -> 0;
            };
            if (field == 0 || (seen & field) != 0) return null;
            seen |= field;
            JsonToken t = p.nextToken();
            switch (field) {
                case TENANT -> tenant = text(p, t);
                case GATEWAY -> gateway = text(p, t);
                case SEQ_FROM -> {
                    if (!isLong(p, t)) return null;
                    seqFrom = p.getLongValue();
                }
                case SEQ_TO -> {
                    if (!isLong(p, t)) return null;
                    seqTo = p.getLongValue();
                }
                case SENT_AT -> sentAt = instant(p, t);
                default -> readings = readings(p, t);
            }
            if (field == TENANT && tenant == null || field == GATEWAY && gateway == null
                    || field == SENT_AT && sentAt == null || field == READINGS && readings == null) {
                return null;
            }
        }
        if (p.currentToken() != JsonToken.END_OBJECT || seen != ALL_BATCH) return null;
        return new ReadingBatch(tenant, gateway, seqFrom, seqTo, sentAt, readings);
    }

    private static List<Reading> readings(JsonParser p, JsonToken t) throws IOException {
        if (t != JsonToken.START_ARRAY) return null;
        List<Reading> out = new ArrayList<>();
        Texts texts = new Texts();
        JsonToken next;
        while ((next = p.nextToken()) == JsonToken.START_OBJECT) {
            Reading r = reading(p, texts);
            if (r == null) return null;
            out.add(r);
        }
        return next == JsonToken.END_ARRAY ? out : null;
    }

    private static Reading reading(JsonParser p, Texts texts) throws IOException {
        long seq = 0;
        String device = null;
        String point = null;
        Instant ts = null;
        double value = 0;
        String unit = null;
        Quality quality = null;
        Map<String, String> attrs = Map.of();
        int seen = 0;
        for (int k = 0; ; k++) {
            int field;
            if (k < READING_ORDER.length && p.nextFieldName(READING_ORDER[k])) {
                field = READING_FIELDS[k];
            } else {
                // Not the expected name, yet the parser moved to the next token (past the last expected: move it).
                if (k >= READING_ORDER.length) p.nextToken();
                if (p.currentToken() != JsonToken.FIELD_NAME) break;
                field = readingField(p.currentName());
            }
            if (field == 0 || (seen & field) != 0) return null;
            seen |= field;
            JsonToken t = p.nextToken();
            switch (field) {
                case SEQ -> {
                    if (!isLong(p, t)) return null;
                    seq = p.getLongValue();
                }
                case DEVICE -> {
                    if ((device = texts.text(p, t)) == null) return null;
                }
                case POINT -> {
                    if ((point = texts.text(p, t)) == null) return null;
                }
                case TS -> {
                    if ((ts = instant(p, t)) == null) return null;
                }
                case VALUE -> {
                    if (t != JsonToken.VALUE_NUMBER_FLOAT && t != JsonToken.VALUE_NUMBER_INT) return null;
                    value = p.getDoubleValue();
                }
                case UNIT -> {
                    if ((unit = texts.text(p, t)) == null) return null;
                }
                case QUALITY -> {
                    if ((quality = quality(p, t)) == null) return null;
                }
                default -> {
                    if ((attrs = attrs(p, t)) == null) return null;
                }
            }
        }
        if (p.currentToken() != JsonToken.END_OBJECT || (seen & ALL_READING) != ALL_READING) return null;
        return new Reading(seq, device, point, ts, value, unit, quality, attrs);
    }

    private static int readingField(String name) {
        return switch (name) {
            case "seq" -> SEQ;
            case "device" -> DEVICE;
            case "point" -> POINT;
            case "ts" -> TS;
            case "value" -> VALUE;
            case "unit" -> UNIT;
            case "quality" -> QUALITY;
            case "attrs" -> ATTRS;
            default -> 0;
        };
    }

    /** An object of string values, each key once; anything else (null, a number...) is left to data binding. */
    private static Map<String, String> attrs(JsonParser p, JsonToken t) throws IOException {
        if (t != JsonToken.START_OBJECT) return null;
        Map<String, String> attrs = new LinkedHashMap<>();
        String key;
        while ((key = p.nextFieldName()) != null) {
            if (p.nextToken() != JsonToken.VALUE_STRING || attrs.put(key, p.getText()) != null) return null;
        }
        return p.currentToken() == JsonToken.END_OBJECT ? attrs : null;
    }

    private static String text(JsonParser p, JsonToken t) throws IOException {
        return t == JsonToken.VALUE_STRING ? p.getText() : null;
    }

    private static boolean isLong(JsonParser p, JsonToken t) throws IOException {
        if (t != JsonToken.VALUE_NUMBER_INT) return false;
        JsonParser.NumberType type = p.getNumberType();
        return type == JsonParser.NumberType.INT || type == JsonParser.NumberType.LONG;
    }

    /** Read from the parser's own chars: no String for a value that is one of three. */
    private static Quality quality(JsonParser p, JsonToken t) throws IOException {
        if (t != JsonToken.VALUE_STRING) return null;
        char[] c = p.getTextCharacters();
        int off = p.getTextOffset();
        int n = p.getTextLength();
        for (Quality q : QUALITIES) {
            if (sameChars(q.name(), c, off, n)) return q;
        }
        return null;
    }

    /**
     * A batch's devices, points and units repeat over its readings: the String made for a value is
     * handed out again for the same chars, so a batch holds one per distinct value (and each
     * computes its hash once for the sets and maps of the write path), not one per reading.
     */
    private static final class Texts {
        private static final int SLOTS = 64;
        private final String[] slots = new String[SLOTS];

        String text(JsonParser p, JsonToken t) throws IOException {
            if (t != JsonToken.VALUE_STRING) return null;
            char[] c = p.getTextCharacters();
            int off = p.getTextOffset();
            int n = p.getTextLength();
            int h = n;
            for (int i = 0; i < n; i++) h = 31 * h + c[off + i];
            int slot = (h ^ (h >>> 16)) & (SLOTS - 1);
            String known = slots[slot];
            if (known != null && sameChars(known, c, off, n)) return known;
            String made = new String(c, off, n);
            slots[slot] = made;
            return made;
        }
    }

    private static boolean sameChars(String s, char[] c, int off, int n) {
        if (s.length() != n) return false;
        for (int i = 0; i < n; i++) {
            if (s.charAt(i) != c[off + i]) return false;
        }
        return true;
    }

    private static Instant instant(JsonParser p, JsonToken t) throws IOException {
        // Any other instant form: null, and data binding judges it. Read from the parser's own chars.
        return t == JsonToken.VALUE_STRING
                ? IsoInstants.parseOrNull(p.getTextCharacters(), p.getTextOffset(), p.getTextLength()) : null;
    }
}
