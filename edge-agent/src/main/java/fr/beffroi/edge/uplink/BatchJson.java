package fr.beffroi.edge.uplink;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import fr.beffroi.profiles.wire.Reading;
import fr.beffroi.profiles.wire.ReadingBatch;
import fr.beffroi.profiles.wire.WireCodec;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;

/**
 * Writes a ReadingBatch with Jackson's streaming generator: the very bytes
 * {@link WireCodec#encode} gives (same field order, same number and instant forms; a test holds
 * them equal), without data binding's per-field reflection and per-instant formatter, which were
 * most of the uplink's CPU after the buffer read. Every other wire message still goes through
 * WireCodec.
 */
final class BatchJson {
    /** Same defaults as WireCodec's mapper's factory (NaN written as a string, as there). */
    private static final JsonFactory JSON = JsonFactory.builder().build();
    private static final int BYTES_PER_READING = 140;

    private BatchJson() {
    }

    static byte[] encode(ReadingBatch batch) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(256 + batch.readings().size() * BYTES_PER_READING);
        try (JsonGenerator g = JSON.createGenerator(out)) {
            g.writeStartObject();
            g.writeStringField("tenant", batch.tenant());
            g.writeStringField("gateway", batch.gateway());
            g.writeNumberField("seqFrom", batch.seqFrom());
            g.writeNumberField("seqTo", batch.seqTo());
            instant(g, "sentAt", batch.sentAt());
            g.writeArrayFieldStart("readings");
            for (Reading r : batch.readings()) {
                g.writeStartObject();
                g.writeNumberField("seq", r.seq());
                g.writeStringField("device", r.device());
                g.writeStringField("point", r.point());
                instant(g, "ts", r.ts());
                g.writeNumberField("value", r.value());
                g.writeStringField("unit", r.unit());
                g.writeStringField("quality", r.quality().name());
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot encode ReadingBatch", e);
        }
        return out.toByteArray();
    }

    private static void instant(JsonGenerator g, String field, Instant value) throws IOException {
        g.writeFieldName(field);
        // ISO_INSTANT, as WireCodec's JavaTimeModule writes it; null as JSON null, as data binding does.
        if (value == null) {
            g.writeNull();
        } else {
            g.writeString(iso(value));
        }
    }

    /**
     * Exactly {@code value.toString()} (ISO_INSTANT), without the general formatter, which cost as
     * much as the rest of the batch's JSON. Years outside 1000–9999 take the formatter.
     */
    static String iso(Instant value) {
        LocalDateTime t = LocalDateTime.ofEpochSecond(value.getEpochSecond(), 0, ZoneOffset.UTC);
        int year = t.getYear();
        if (year < 1000 || year > 9999) return value.toString();
        char[] c = new char[30];
        int n = 0;
        n = digits(c, n, year, 4);
        c[n++] = '-';
        n = digits(c, n, t.getMonthValue(), 2);
        c[n++] = '-';
        n = digits(c, n, t.getDayOfMonth(), 2);
        c[n++] = 'T';
        n = digits(c, n, t.getHour(), 2);
        c[n++] = ':';
        n = digits(c, n, t.getMinute(), 2);
        c[n++] = ':';
        n = digits(c, n, t.getSecond(), 2);
        int nanos = value.getNano();
        if (nanos > 0) {
            c[n++] = '.';
            // Like ISO_INSTANT: 3, 6 or 9 digits, the fewest that keep every non-zero one.
            if (nanos % 1_000_000 == 0) {
                n = digits(c, n, nanos / 1_000_000, 3);
            } else if (nanos % 1_000 == 0) {
                n = digits(c, n, nanos / 1_000, 6);
            } else {
                n = digits(c, n, nanos, 9);
            }
        }
        c[n++] = 'Z';
        return new String(c, 0, n);
    }

    private static int digits(char[] c, int at, int value, int width) {
        for (int i = at + width - 1; i >= at; i--) {
            c[i] = (char) ('0' + value % 10);
            value /= 10;
        }
        return at + width;
    }
}
