package fr.beffroi.edge.driver.camera;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads one answer of {@code GET /api/v1/verdicts}: {@code {"verdicts": [...], "next": c}}. Strict:
 * the whole page is refused, with the JSON path of the first fault, rather than any verdict guessed
 * or skipped: a skipped verdict would be lost for good once the cursor passes it.
 */
final class VerdictPage {

    static final Pattern ID = Pattern.compile("[A-Za-z0-9._-]{1,64}");
    private static final Pattern TAG = Pattern.compile("[0-9A-Fa-f]{16}");
    private static final Pattern CATEGORY = Pattern.compile("[A-Z_]{1,32}");
    private static final Set<String> STREAMS = Set.of("OMR", "EMB", "BIO");

    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    /** Why an answer is not a verdict page, with the JSON path at fault. */
    static final class FormatException extends Exception {
        FormatException(String message) {
            super(message);
        }
    }

    private VerdictPage() {
    }

    /** The verdicts of a page whose cursors must all lie above {@code after}, strictly increasing. */
    static List<Verdict> parse(byte[] body, long after) throws FormatException {
        JsonNode root;
        try {
            root = JSON.readTree(body);
        } catch (JsonProcessingException e) {
            throw new FormatException("not JSON: " + e.getOriginalMessage());
        } catch (java.io.IOException e) {
            throw new FormatException("unreadable body: " + e.getMessage());
        }
        if (root == null || !root.isObject()) {
            throw new FormatException("expected a JSON object, got " + (root == null ? "nothing" : root.getNodeType()));
        }
        JsonNode list = root.get("verdicts");
        if (list == null || !list.isArray()) {
            throw new FormatException("verdicts: expected an array");
        }
        List<Verdict> out = new ArrayList<>(list.size());
        long previous = after;
        for (int i = 0; i < list.size(); i++) {
            Verdict v = verdict("verdicts[" + i + "]", list.get(i));
            if (v.cursor() <= previous) {
                throw new FormatException("verdicts[" + i + "].cursor: " + v.cursor() + " does not follow " + previous
                        + (i == 0 ? " (the cursor asked after)" : ""));
            }
            previous = v.cursor();
            out.add(v);
        }
        return out;
    }

    private static Verdict verdict(String at, JsonNode n) throws FormatException {
        if (!n.isObject()) {
            throw new FormatException(at + ": expected an object");
        }
        JsonNode cursor = n.get("cursor");
        if (cursor == null || !cursor.canConvertToExactIntegral() || !cursor.canConvertToLong() || cursor.asLong() < 1) {
            throw new FormatException(at + ".cursor: expected a positive integer, got " + cursor);
        }
        String id = text(at, n, "id", ID);
        String tag = text(at, n, "tag", TAG).toUpperCase(Locale.ROOT);
        Optional<String> stream = Optional.empty();
        if (n.hasNonNull("stream")) {
            String s = text(at, n, "stream", null);
            if (!STREAMS.contains(s)) {
                throw new FormatException(at + ".stream: '" + s + "' is not one of OMR, EMB, BIO");
            }
            stream = Optional.of(s);
        }
        Instant liftAt = instant(at, n, "liftAt");
        Instant decidedAt = instant(at, n, "decidedAt");
        String statusText = text(at, n, "status", null);
        Verdict.Status status;
        try {
            status = Verdict.Status.valueOf(statusText);
        } catch (IllegalArgumentException e) {
            throw new FormatException(at + ".status: '" + statusText + "' is not one of CLEAN, ERRORS, UNREADABLE");
        }
        List<Verdict.Finding> errors = findings(at, n.get("errors"));
        if (status == Verdict.Status.ERRORS && errors.isEmpty()) {
            throw new FormatException(at + ".errors: an ERRORS verdict names no error");
        }
        if (status != Verdict.Status.ERRORS && !errors.isEmpty()) {
            throw new FormatException(at + ".errors: a " + status + " verdict names errors");
        }
        Optional<String> image = n.hasNonNull("image") ? Optional.of(text(at, n, "image", ID)) : Optional.empty();
        return new Verdict(cursor.asLong(), id, tag, stream, liftAt, decidedAt, status, errors, image);
    }

    private static List<Verdict.Finding> findings(String at, JsonNode list) throws FormatException {
        if (list == null || list.isNull()) {
            return List.of();
        }
        if (!list.isArray()) {
            throw new FormatException(at + ".errors: expected an array");
        }
        List<Verdict.Finding> out = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            String where = at + ".errors[" + i + "]";
            JsonNode e = list.get(i);
            if (!e.isObject()) {
                throw new FormatException(where + ": expected an object");
            }
            String category = text(where, e, "category", CATEGORY);
            JsonNode c = e.get("confidence");
            if (c == null || !c.isNumber() || !(c.asDouble() >= 0 && c.asDouble() <= 1)) {
                throw new FormatException(where + ".confidence: expected a number in [0, 1], got " + c);
            }
            if (out.stream().anyMatch(f -> f.category().equals(category))) {
                throw new FormatException(where + ".category: " + category + " named twice");
            }
            out.add(new Verdict.Finding(category, c.asDouble()));
        }
        out.sort(Comparator.comparingDouble(Verdict.Finding::confidence).reversed());
        return out;
    }

    private static String text(String at, JsonNode n, String field, Pattern pattern) throws FormatException {
        JsonNode v = n.get(field);
        if (v == null || !v.isTextual()) {
            throw new FormatException(at + "." + field + ": expected a string, got " + v);
        }
        if (pattern != null && !pattern.matcher(v.asText()).matches()) {
            throw new FormatException(at + "." + field + ": '" + v.asText() + "' does not match " + pattern.pattern());
        }
        return v.asText();
    }

    private static Instant instant(String at, JsonNode n, String field) throws FormatException {
        String text = text(at, n, field, null);
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException e) {
            throw new FormatException(at + "." + field + ": '" + text + "' is not an ISO-8601 instant");
        }
    }
}
