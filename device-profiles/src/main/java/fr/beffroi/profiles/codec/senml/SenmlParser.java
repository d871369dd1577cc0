package fr.beffroi.profiles.codec.senml;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Parses a SenML JSON pack (RFC 8428) and resolves every record against the base fields before it.
 *
 * <p>Base fields ({@code bn bt bu bv bs}) hold from the record that sets them until another record
 * replaces them. A resolved time below 2^28 s is relative to {@code now} (§4.5.3). A record needs a
 * value ({@code v vs vb vd}, at most one) or a sum. Unknown fields are ignored unless their name
 * ends in {@code _} ("must understand", §4.4), which fails the pack. The first problem fails the
 * whole pack: a half-understood pack from a probe is not data to store.
 */
public final class SenmlParser {

    /** RFC 8428 §4.5.3: resolved times below 2^28 are relative to now. */
    private static final double RELATIVE_LIMIT = 268_435_456d;
    /** The SenML version this parser implements (§4.4, default of {@code bver}). */
    private static final int VERSION = 10;
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9:./_-]*");
    private static final List<String> VALUE_FIELDS = List.of("v", "vs", "vb", "vd");

    private final ObjectMapper json = JsonMapper.builder()
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .build();

    /**
     * @param pack the JSON bytes (UTF-8)
     * @param now  the instant relative times count from: when the pack was received
     * @throws SenmlException naming the record and field at fault, or saying the JSON is malformed
     */
    public List<SenmlRecord> parse(byte[] pack, Instant now) throws SenmlException {
        JsonNode root;
        try {
            root = json.readTree(pack);
        } catch (JsonProcessingException e) {
            throw new SenmlException("not JSON: " + e.getOriginalMessage()
                    + (e.getLocation() == null ? "" : " (column " + e.getLocation().getColumnNr() + ")"), e);
        } catch (IOException e) {
            throw new SenmlException("unreadable pack: " + e.getMessage(), e);
        }
        if (root == null || !root.isArray()) {
            throw new SenmlException("a SenML pack is a JSON array of records, found "
                    + (root == null ? "nothing" : root.getNodeType().name().toLowerCase()), null);
        }
        Base base = new Base();
        List<SenmlRecord> out = new ArrayList<>(root.size());
        for (int i = 0; i < root.size(); i++) {
            out.add(resolve(i, root.get(i), base, now));
        }
        return out;
    }

    /** The base fields in force; each record may replace some. */
    private static final class Base {
        String name = "";
        double time;
        String unit;
        double value;
        double sum;
    }

    private static SenmlRecord resolve(int i, JsonNode rec, Base base, Instant now) throws SenmlException {
        if (!rec.isObject()) {
            throw new SenmlException(i, null, "expected a record (a JSON object), found " + describe(rec));
        }
        for (Map.Entry<String, JsonNode> e : rec.properties()) {
            if (e.getKey().endsWith("_")) {
                throw new SenmlException(i, e.getKey(), "a must-understand field this gateway does not understand");
            }
        }
        if (rec.has("bver")) {
            int version = integer(i, rec, "bver");
            if (version > VERSION) {
                throw new SenmlException(i, "bver", "SenML version " + version + " is newer than " + VERSION);
            }
        }
        if (rec.has("bn")) {
            base.name = text(i, rec, "bn");
        }
        if (rec.has("bt")) {
            base.time = number(i, rec, "bt");
        }
        if (rec.has("bu")) {
            base.unit = text(i, rec, "bu");
        }
        if (rec.has("bv")) {
            base.value = number(i, rec, "bv");
        }
        if (rec.has("bs")) {
            base.sum = number(i, rec, "bs");
        }

        String localName = rec.has("n") ? text(i, rec, "n") : "";
        String name = base.name + localName;
        if (!NAME.matcher(name).matches()) {
            throw new SenmlException(i, "n", name.isEmpty()
                    ? "no name: neither a base name nor a name"
                    : "resolved name '" + name + "' breaks RFC 8428 (a letter or digit, then letters, digits and - : . / _)");
        }

        double t = base.time + (rec.has("t") ? number(i, rec, "t") : 0);
        Instant time = t < RELATIVE_LIMIT ? now.plusNanos(Math.round(t * 1e9)) : instant(t);

        Optional<String> unit = rec.has("u") ? Optional.of(text(i, rec, "u")) : Optional.ofNullable(base.unit);

        List<String> present = VALUE_FIELDS.stream().filter(rec::has).toList();
        if (present.size() > 1) {
            throw new SenmlException(i, present.get(1), "a record carries one value, found " + String.join(" and ", present));
        }
        Optional<Double> value = Optional.empty();
        Optional<String> other = Optional.empty();
        if (present.contains("v")) {
            value = Optional.of(base.value + number(i, rec, "v"));
        } else if (present.contains("vs")) {
            text(i, rec, "vs");
            other = Optional.of("vs");
        } else if (present.contains("vd")) {
            text(i, rec, "vd");
            other = Optional.of("vd");
        } else if (present.contains("vb")) {
            if (!rec.get("vb").isBoolean()) {
                throw new SenmlException(i, "vb", "expected true or false, found " + describe(rec.get("vb")));
            }
            other = Optional.of("vb");
        }
        Optional<Double> sum = rec.has("s") ? Optional.of(base.sum + number(i, rec, "s")) : Optional.empty();
        if (present.isEmpty() && sum.isEmpty()) {
            throw new SenmlException(i, "v", "no value (v, vs, vb, vd) and no sum (s)");
        }
        if (rec.has("ut")) {
            number(i, rec, "ut");
        }
        return new SenmlRecord(i, name, localName, time, unit, value, sum, other);
    }

    /** Seconds since the epoch (fractional) to an instant, to the nanosecond. */
    private static Instant instant(double seconds) {
        long whole = (long) Math.floor(seconds);
        long nanos = Math.round((seconds - whole) * 1e9);
        return Instant.ofEpochSecond(whole, nanos);
    }

    private static String text(int i, JsonNode rec, String field) throws SenmlException {
        JsonNode v = rec.get(field);
        if (!v.isTextual()) {
            throw new SenmlException(i, field, "expected a string, found " + describe(v));
        }
        return v.textValue();
    }

    private static double number(int i, JsonNode rec, String field) throws SenmlException {
        JsonNode v = rec.get(field);
        if (!v.isNumber()) {
            throw new SenmlException(i, field, "expected a number, found " + describe(v));
        }
        double d = v.doubleValue();
        if (!Double.isFinite(d)) {
            throw new SenmlException(i, field, "number " + v.asText() + " is out of range");
        }
        return d;
    }

    private static int integer(int i, JsonNode rec, String field) throws SenmlException {
        JsonNode v = rec.get(field);
        if (!v.isInt()) {
            throw new SenmlException(i, field, "expected an integer, found " + describe(v));
        }
        return v.intValue();
    }

    private static String describe(JsonNode v) {
        String type = v.getNodeType().name().toLowerCase();
        String text = v.isContainerNode() ? "" : " " + (v.isTextual() ? "\"" + v.textValue() + "\"" : v.asText());
        return type + text;
    }
}
