package fr.beffroi.rules.load;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import java.io.IOException;
import java.util.HashMap;
import java.util.Map;

/**
 * Where each value of a YAML document starts (1-based line and column), by JSON pointer. A tree
 * from {@code readTree} forgets positions, so the text is streamed once more to keep them: an error
 * can then point at the line of the {@code if:} an operator has to fix.
 */
final class YamlPositions {
    private final Map<String, JsonLocation> values = new HashMap<>();

    private YamlPositions() {
    }

    /** Positions of a text that Jackson has already parsed once without error. */
    static YamlPositions of(YAMLFactory factory, String text) {
        YamlPositions positions = new YamlPositions();
        try (JsonParser p = factory.createParser(text)) {
            JsonToken t;
            while ((t = p.nextToken()) != null) {
                if (t == JsonToken.END_OBJECT || t == JsonToken.END_ARRAY || t == JsonToken.FIELD_NAME) {
                    continue;
                }
                JsonStreamContext ctx = p.getParsingContext();
                // a container's own context is the new one; its position belongs to the parent's slot
                if (t == JsonToken.START_OBJECT || t == JsonToken.START_ARRAY) {
                    ctx = ctx.getParent();
                }
                String pointer = ctx == null ? "" : ctx.pathAsPointer().toString();
                positions.values.putIfAbsent(pointer, p.currentTokenLocation());
            }
        } catch (IOException e) {
            // the caller has parsed the text already; positions are a help, not a requirement
        }
        return positions;
    }

    /** {@code line:column} of the value at {@code pointer}, or of its nearest known ancestor. */
    String at(String pointer) {
        String p = pointer;
        while (true) {
            JsonLocation loc = values.get(p);
            if (loc != null) {
                return loc.getLineNr() + ":" + loc.getColumnNr();
            }
            if (p.isEmpty()) {
                return "1:1";
            }
            p = p.substring(0, p.lastIndexOf('/'));
        }
    }
}
