package fr.beffroi.profiles.wire;

import com.fasterxml.jackson.core.StreamWriteFeature;
import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.InjectableValues;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * JSON for every wire record. Strict on input: unknown fields, missing primitives and wrong types
 * are refused with the JSON path of the fault, since a silently misread batch would be stored wrong.
 *
 * <p>ReadingBatch, the one high-volume message, has streaming fast paths both ways
 * ({@link StreamingBatchWriter}, {@link StreamingBatchReader}); data binding below stays the
 * authority: the writer yields its exact bytes, and the reader answers only for the plain shape,
 * leaving everything else to it.
 *
 * <p>Every field is required ({@code FAIL_ON_MISSING_CREATOR_PROPERTIES}) except a reading's
 * {@code attrs}, which older gateways do not send: the mapper holds an empty map as an injectable
 * value, which {@link Reading}'s {@code @JacksonInject(useInput = TRUE)} takes when the field is
 * absent (Jackson looks for an injectable before it fails a missing creator property).
 */
public final class WireCodec {
    /** Package-private so that the fast paths share its factory and tests compare against it. */
    static final ObjectMapper MAPPER = JsonMapper.builder()
            .addModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            // Shortest round-tripping digits (Schubfach) for every double written: Java 17's
            // Double.toString was a large share of encoding a batch, and now and then writes more
            // digits than needed. Either form reads back as the very same double.
            .enable(StreamWriteFeature.USE_FAST_DOUBLE_WRITER)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(DeserializationFeature.FAIL_ON_MISSING_CREATOR_PROPERTIES)
            .injectableValues(new InjectableValues.Std().addValue(Reading.NO_ATTRS, Map.of()))
            .build();
    static final ObjectReader BATCH = MAPPER.readerFor(ReadingBatch.class);
    private static final ObjectReader ACK = MAPPER.readerFor(BatchAck.class);
    private static final ObjectReader COMMAND = MAPPER.readerFor(Command.class);
    private static final ObjectReader COMMAND_RESULT = MAPPER.readerFor(CommandResult.class);
    private static final ObjectReader ALLOW_LIST = MAPPER.readerFor(AllowList.class);
    private static final ObjectReader ATTRS = MAPPER.readerFor(new TypeReference<Map<String, String>>() { });

    private WireCodec() {
    }

    public static byte[] encode(Object message) {
        if (message instanceof ReadingBatch batch) return StreamingBatchWriter.write(batch);
        try {
            return MAPPER.writeValueAsBytes(message);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException("cannot encode " + message.getClass().getSimpleName(), e);
        }
    }

    public static ReadingBatch decodeBatch(byte[] json) throws WireFormatException {
        ReadingBatch fast = StreamingBatchReader.read(json);
        return fast != null ? fast : decode(BATCH, json, "ReadingBatch");
    }

    public static BatchAck decodeAck(byte[] json) throws WireFormatException {
        return decode(ACK, json, "BatchAck");
    }

    public static Command decodeCommand(byte[] json) throws WireFormatException {
        return decode(COMMAND, json, "Command");
    }

    public static CommandResult decodeCommandResult(byte[] json) throws WireFormatException {
        return decode(COMMAND_RESULT, json, "CommandResult");
    }

    public static AllowList decodeAllowList(byte[] json) throws WireFormatException {
        return decode(ALLOW_LIST, json, "AllowList");
    }

    /**
     * A reading's attributes as one JSON object, as stores keep them (the edge buffer's TEXT
     * column, the cloud's jsonb); null when there are none, so that a plain sample stores a null.
     */
    public static String attrsJson(Map<String, String> attrs) {
        if (attrs == null || attrs.isEmpty()) return null;
        try {
            return MAPPER.writeValueAsString(attrs);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException("cannot encode attrs", e);
        }
    }

    /** The reverse of {@link #attrsJson}: null or empty text is no attributes. */
    public static Map<String, String> attrsFromJson(String json) throws WireFormatException {
        if (json == null || json.isEmpty()) return Map.of();
        // Jackson's LinkedHashMap: the order the attributes were written in.
        Map<String, String> attrs = decode(ATTRS, json.getBytes(StandardCharsets.UTF_8), "attrs");
        return attrs.isEmpty() ? Map.of() : Collections.unmodifiableMap(attrs);
    }

    /**
     * An attribute value: a JSON string and nothing else. Jackson's own String deserializer would
     * turn {@code 12} or {@code true} into text; the contract says attributes are text, so a
     * number there is the sender's mistake, refused with its path like any other.
     */
    static final class TextOnly extends StdScalarDeserializer<String> {
        TextOnly() {
            super(String.class);
        }

        @Override
        public String deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            if (p.hasToken(JsonToken.VALUE_STRING)) return p.getText();
            return (String) ctxt.handleUnexpectedToken(ctxt.constructType(String.class), p.currentToken(), p,
                    "attribute values must be JSON strings, got %s", p.currentToken());
        }
    }

    private static <T> T decode(ObjectReader reader, byte[] json, String what) throws WireFormatException {
        try {
            T value = reader.readValue(json);
            if (value == null) throw new WireFormatException(what + ": empty message");
            return value;
        } catch (JsonMappingException e) {
            throw new WireFormatException(what + " at " + path(e) + ": " + firstLine(e.getOriginalMessage()), e);
        } catch (JacksonException e) {
            throw new WireFormatException(what + ": not valid JSON: " + firstLine(e.getOriginalMessage()), e);
        } catch (IOException e) {
            throw new WireFormatException(what + ": unreadable: " + e.getMessage(), e);
        }
    }

    private static String path(JsonMappingException e) {
        if (e.getPath().isEmpty()) return "$";
        return "$" + e.getPath().stream()
                .map(ref -> ref.getFieldName() != null ? "." + ref.getFieldName() : "[" + ref.getIndex() + "]")
                .collect(Collectors.joining());
    }

    private static String firstLine(String message) {
        if (message == null) return "unknown error";
        int nl = message.indexOf('\n');
        return nl < 0 ? message : message.substring(0, nl);
    }
}
