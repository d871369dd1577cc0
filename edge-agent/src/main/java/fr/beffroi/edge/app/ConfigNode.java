package fr.beffroi.edge.app;

import com.fasterxml.jackson.databind.JsonNode;
import fr.beffroi.profiles.unit.DurationText;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One YAML mapping being read into a config record. Every accessor records a problem (naming the
 * key's full path) instead of throwing, and returns a placeholder, so that reading continues and
 * the operator sees every problem at once. {@link #finish()} then names the keys nobody asked for.
 */
final class ConfigNode {
    private final JsonNode node;
    private final String path;
    private final List<String> problems;
    private final Set<String> known = new LinkedHashSet<>();

    ConfigNode(JsonNode node, String path, List<String> problems) {
        this.node = node;
        this.path = path;
        this.problems = problems;
    }

    String path() {
        return path;
    }

    String pathOf(String key) {
        return path.isEmpty() ? key : path + "." + key;
    }

    void problem(String key, String message) {
        problems.add(pathOf(key) + ": " + message);
    }

    private JsonNode get(String key) {
        known.add(key);
        JsonNode value = node == null ? null : node.get(key);
        return value == null || value.isNull() ? null : value;
    }

    boolean has(String key) {
        known.add(key);
        return node != null && node.hasNonNull(key);
    }

    /** A nested mapping; an absent one reads as empty, so its own defaults and required keys apply. */
    ConfigNode child(String key) {
        JsonNode value = get(key);
        if (value != null && !value.isObject()) {
            problem(key, "must be a mapping");
            value = null;
        }
        return new ConfigNode(value, pathOf(key), problems);
    }

    /** The mappings of a list, each with its indexed path ({@code devices[1]}). */
    List<ConfigNode> list(String key) {
        JsonNode value = get(key);
        List<ConfigNode> items = new ArrayList<>();
        if (value == null) return items;
        if (!value.isArray()) {
            problem(key, "must be a list");
            return items;
        }
        for (int i = 0; i < value.size(); i++) {
            String itemPath = pathOf(key) + "[" + i + "]";
            JsonNode item = value.get(i);
            if (!item.isObject()) {
                problems.add(itemPath + ": must be a mapping");
                continue;
            }
            items.add(new ConfigNode(item, itemPath, problems));
        }
        return items;
    }

    String string(String key, String fallback) {
        JsonNode value = get(key);
        if (value == null) return fallback;
        if (!value.isValueNode() || value.asText().isBlank()) {
            problem(key, "must be a non-blank text");
            return fallback;
        }
        return value.asText().strip();
    }

    boolean bool(String key, boolean fallback) {
        JsonNode value = get(key);
        if (value == null) return fallback;
        if (!value.isBoolean()) {
            problem(key, "must be true or false");
            return fallback;
        }
        return value.booleanValue();
    }

    String requiredString(String key) {
        if (!has(key)) {
            problem(key, "required");
            return "";
        }
        String value = string(key, "");
        return value;
    }

    long integer(String key, long fallback, long min, long max) {
        JsonNode value = get(key);
        if (value == null) return fallback;
        if (!value.canConvertToLong() || !value.isIntegralNumber()) {
            problem(key, "must be a whole number, was \"" + value.asText() + "\"");
            return fallback;
        }
        long n = value.asLong();
        if (n < min) {
            problem(key, "must be >= " + min + ", was " + n);
            return fallback;
        }
        if (n > max) {
            problem(key, "must be <= " + max + ", was " + n);
            return fallback;
        }
        return n;
    }

    int integer(String key, int fallback, int min, int max) {
        return (int) integer(key, (long) fallback, min, max);
    }

    /** A strictly positive duration with its unit. */
    Duration duration(String key, Duration fallback) {
        JsonNode value = get(key);
        if (value == null) return fallback;
        if (!value.isTextual()) {
            problem(key, "must carry a unit (e.g. 250ms, 5s, 1m), was \"" + value.asText() + "\"");
            return fallback;
        }
        Duration d = DurationText.parse(value.asText()).orElse(null);
        if (d == null) {
            problem(key, "\"" + value.asText() + "\" is not a duration (e.g. 250ms, 5s, 1m, 1h)");
            return fallback;
        }
        if (d.isZero()) {
            problem(key, "must be > 0");
            return fallback;
        }
        return d;
    }

    /**
     * The scalar keys of this mapping that no accessor asked for yet, as text, for a driver from an
     * optional module that validates its own keys; they count as known from now on.
     */
    Map<String, String> remainingScalars() {
        Map<String, String> out = new LinkedHashMap<>();
        if (node == null) return out;
        for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (known.contains(name)) continue;
            JsonNode v = node.get(name);
            if (v.isValueNode() && !v.isNull()) {
                known.add(name);
                out.put(name, v.asText());
            }
        }
        return out;
    }

    /** Reports every key of this mapping that no accessor asked for. */
    void finish() {
        if (node == null) return;
        for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!known.contains(name)) {
                problems.add(pathOf(name) + ": unknown key (known: " + String.join(", ", known) + ")");
            }
        }
    }
}
