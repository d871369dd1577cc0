package fr.beffroi.profiles.wire;

import com.fasterxml.jackson.core.JsonGenerator;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.Map;

/**
 * The fast path of {@link WireCodec#encode} for a ReadingBatch: Jackson's streaming generator,
 * writing the very bytes data binding writes (same field order, same number and instant forms;
 * a test holds them equal), without data binding's per-field reflection and per-instant
 * formatter, which were most of the uplink's CPU after the buffer read.
 */
final class StreamingBatchWriter {
    private static final int BYTES_PER_READING = 140;
    /** The longest instant IsoInstants writes itself: {@code yyyy-MM-ddTHH:mm:ss.nnnnnnnnnZ}. */
    private static final int INSTANT_BYTES = 30;

    private StreamingBatchWriter() {
    }

    static byte[] write(ReadingBatch batch) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(256 + batch.readings().size() * BYTES_PER_READING);
        // WireCodec's own mapper's factory, so the generator settings (NaN as a string...) are the same.
        try (JsonGenerator g = WireCodec.MAPPER.getFactory().createGenerator(out)) {
            g.writeStartObject();
            g.writeStringField("tenant", batch.tenant());
            g.writeStringField("gateway", batch.gateway());
            g.writeNumberField("seqFrom", batch.seqFrom());
            g.writeNumberField("seqTo", batch.seqTo());
            instant(g, "sentAt", batch.sentAt());
            g.writeArrayFieldStart("readings");
            byte[] scratch = new byte[INSTANT_BYTES];
            IsoInstants.Writer instants = new IsoInstants.Writer();
            for (Reading r : batch.readings()) {
                g.writeStartObject();
                g.writeNumberField("seq", r.seq());
                g.writeStringField("device", r.device());
                g.writeStringField("point", r.point());
                ts(g, r.ts(), instants, scratch);
                g.writeNumberField("value", r.value());
                g.writeStringField("unit", r.unit());
                g.writeStringField("quality", r.quality().name());
                if (!r.attrs().isEmpty()) attrs(g, r.attrs());
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot encode ReadingBatch", e);
        }
        return out.toByteArray();
    }

    /** An event's attributes, in their order; left out when empty, as data binding's NON_EMPTY does. */
    private static void attrs(JsonGenerator g, Map<String, String> attrs) throws IOException {
        g.writeObjectFieldStart("attrs");
        for (Map.Entry<String, String> e : attrs.entrySet()) g.writeStringField(e.getKey(), e.getValue());
        g.writeEndObject();
    }

    /**
     * A reading's ts (never null): its ASCII bytes go out as a JSON string without the generator's
     * escaping pass or a String per reading — an instant's text has nothing to escape.
     */
    private static void ts(JsonGenerator g, Instant value, IsoInstants.Writer instants, byte[] scratch)
            throws IOException {
        g.writeFieldName("ts");
        int n = instants.write(scratch, 0, value);
        if (n < 0) {
            g.writeString(IsoInstants.format(value));
        } else {
            g.writeRawUTF8String(scratch, 0, n);
        }
    }

    private static void instant(JsonGenerator g, String field, Instant value) throws IOException {
        g.writeFieldName(field);
        // ISO_INSTANT, as the JavaTimeModule writes it; null as JSON null, as data binding does.
        if (value == null) {
            g.writeNull();
        } else {
            g.writeString(IsoInstants.format(value));
        }
    }
}
