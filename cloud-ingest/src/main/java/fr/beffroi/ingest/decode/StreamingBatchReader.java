package fr.beffroi.ingest.decode;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import fr.beffroi.profiles.wire.Quality;
import fr.beffroi.profiles.wire.Reading;
import fr.beffroi.profiles.wire.ReadingBatch;
import fr.beffroi.profiles.wire.WireCodec;

import java.io.IOException;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/**
 * The fast path of decoding a ReadingBatch: Jackson's streaming parser over the exact shape a
 * gateway sends (every field once, of its own JSON type, instants as {@code ...T..:..:..[.f]Z}),
 * building the records directly. Decoding was the ingest's largest CPU cost after COPY, mostly
 * in data binding and the general ISO instant parser.
 *
 * <p>It answers only when it is sure: anything else — a missing, unknown, repeated or null field,
 * a number where a text belongs, a coercion data binding would make, an instant in another form,
 * trailing content, invalid JSON — returns null and {@link BatchDecoder} falls back to
 * {@link WireCodec#decodeBatch}, which stays the contract's one authority and names the fault.
 * So this accepts a subset of what WireCodec accepts and yields the same batch for it (tests
 * compare the two).
 */
final class StreamingBatchReader {
    /** Same defaults as WireCodec's mapper's factory: no comments, no NaN literals, no duplicates check. */
    private static final JsonFactory JSON = JsonFactory.builder().build();

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

    private StreamingBatchReader() {
    }

    /** The batch, or null when the payload is not in the plain shape (then WireCodec decides). */
    static ReadingBatch read(byte[] payload) {
        try (JsonParser p = JSON.createParser(payload)) {
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
        JsonToken next;
        while ((next = p.nextToken()) == JsonToken.START_OBJECT) {
            Reading r = reading(p);
            if (r == null) return null;
            out.add(r);
        }
        return next == JsonToken.END_ARRAY ? out : null;
    }

    private static Reading reading(JsonParser p) throws IOException {
        long seq = 0;
        String device = null;
        String point = null;
        Instant ts = null;
        double value = 0;
        String unit = null;
        Quality quality = null;
        int seen = 0;
        String name;
        while ((name = p.nextFieldName()) != null) {
            int field = switch (name) {
                case "seq" -> SEQ;
                case "device" -> DEVICE;
                case "point" -> POINT;
                case "ts" -> TS;
                case "value" -> VALUE;
                case "unit" -> UNIT;
                case "quality" -> QUALITY;
                default -> 0;
            };
            if (field == 0 || (seen & field) != 0) return null;
            seen |= field;
            JsonToken t = p.nextToken();
            switch (field) {
                case SEQ -> {
                    if (!isLong(p, t)) return null;
                    seq = p.getLongValue();
                }
                case DEVICE -> {
                    if ((device = text(p, t)) == null) return null;
                }
                case POINT -> {
                    if ((point = text(p, t)) == null) return null;
                }
                case TS -> {
                    if ((ts = instant(p, t)) == null) return null;
                }
                case VALUE -> {
                    if (t != JsonToken.VALUE_NUMBER_FLOAT && t != JsonToken.VALUE_NUMBER_INT) return null;
                    value = p.getDoubleValue();
                }
                case UNIT -> {
                    if ((unit = text(p, t)) == null) return null;
                }
                default -> {
                    if ((quality = quality(p, t)) == null) return null;
                }
            }
        }
        if (p.currentToken() != JsonToken.END_OBJECT || seen != ALL_READING) return null;
        return new Reading(seq, device, point, ts, value, unit, quality);
    }

    private static String text(JsonParser p, JsonToken t) throws IOException {
        return t == JsonToken.VALUE_STRING ? p.getText() : null;
    }

    private static boolean isLong(JsonParser p, JsonToken t) throws IOException {
        if (t != JsonToken.VALUE_NUMBER_INT) return false;
        JsonParser.NumberType type = p.getNumberType();
        return type == JsonParser.NumberType.INT || type == JsonParser.NumberType.LONG;
    }

    private static Quality quality(JsonParser p, JsonToken t) throws IOException {
        if (t != JsonToken.VALUE_STRING) return null;
        return switch (p.getText()) {
            case "GOOD" -> Quality.GOOD;
            case "UNCERTAIN" -> Quality.UNCERTAIN;
            case "BAD" -> Quality.BAD;
            default -> null;
        };
    }

    private static Instant instant(JsonParser p, JsonToken t) throws IOException {
        return t == JsonToken.VALUE_STRING ? isoInstant(p.getText()) : null;
    }

    /**
     * {@code yyyy-MM-ddTHH:mm:ss[.f{1,9}]Z} as ISO_INSTANT reads it, or null for any other form
     * (offsets, leap seconds, hour 24, other year widths...), which data binding then judges.
     * The calendar arithmetic and its validation are {@link LocalDateTime}'s.
     */
    static Instant isoInstant(String s) {
        int n = s.length();
        if (n < 20 || n > 30 || n == 21 || s.charAt(n - 1) != 'Z' || s.charAt(4) != '-' || s.charAt(7) != '-'
                || s.charAt(10) != 'T' || s.charAt(13) != ':' || s.charAt(16) != ':') {
            return null;
        }
        int year = digits(s, 0, 4);
        int month = digits(s, 5, 7);
        int day = digits(s, 8, 10);
        int hour = digits(s, 11, 13);
        int minute = digits(s, 14, 16);
        int second = digits(s, 17, 19);
        if ((year | month | day | hour | minute | second) < 0) return null;
        int nanos = 0;
        if (n > 20) {
            if (s.charAt(19) != '.') return null;
            int fraction = digits(s, 20, n - 1);
            if (fraction < 0) return null;
            nanos = fraction;
            for (int i = n - 1 - 20; i < 9; i++) nanos *= 10;
        }
        try {
            long epochSecond = LocalDateTime.of(year, month, day, hour, minute, second).toEpochSecond(ZoneOffset.UTC);
            return Instant.ofEpochSecond(epochSecond, nanos);
        } catch (DateTimeException e) {
            return null;
        }
    }

    private static int digits(String s, int from, int to) {
        int v = 0;
        for (int i = from; i < to; i++) {
            int d = s.charAt(i) - '0';
            if (d < 0 || d > 9) return -1;
            v = v * 10 + d;
        }
        return v;
    }
}
