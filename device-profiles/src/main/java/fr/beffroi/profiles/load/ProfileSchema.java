package fr.beffroi.profiles.load;

import com.fasterxml.jackson.databind.JsonNode;
import fr.beffroi.profiles.model.Layout;

import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * First pass: the shape of a profile tree. Unknown keys, missing keys and wrongly typed values are
 * all collected, where Jackson's data binding would stop at the first. The shape is declared as
 * data below, one table per kind of object.
 */
final class ProfileSchema {

    enum Kind { STRING, INT, NUMBER, BOOLEAN, ARRAY, OBJECT }

    private record Field(Kind kind, boolean required) {
    }

    private static Field req(Kind kind) {
        return new Field(kind, true);
    }

    private static Field opt(Kind kind) {
        return new Field(kind, false);
    }

    private static final Map<String, Field> PROFILE = ordered(
            "id", req(Kind.STRING), "version", req(Kind.INT), "family", req(Kind.STRING),
            "description", opt(Kind.STRING), "models", opt(Kind.ARRAY), "registers", opt(Kind.ARRAY),
            "signals", opt(Kind.ARRAY), "events", opt(Kind.ARRAY));
    private static final Map<String, Field> MODEL = ordered(
            "name", req(Kind.STRING), "layout", opt(Kind.STRING), "ids", req(Kind.ARRAY), "length", req(Kind.INT),
            "poll", opt(Kind.BOOLEAN), "optional", opt(Kind.BOOLEAN), "points", req(Kind.ARRAY),
            "group", opt(Kind.OBJECT));
    /** A SunSpec repeating group: the shape of a plain map's repeated block, offsets from the model's ID. */
    private static final Map<String, Field> GROUP = ordered(
            "name", req(Kind.STRING), "offset", req(Kind.INT), "repeat", req(Kind.OBJECT), "points", req(Kind.ARRAY));
    private static final Map<String, Field> POINT = ordered(
            "name", req(Kind.STRING), "offset", req(Kind.INT), "type", req(Kind.STRING),
            "size", opt(Kind.INT), "unit", opt(Kind.STRING), "scaleFactor", opt(Kind.STRING),
            "symbols", opt(Kind.OBJECT), "description", opt(Kind.STRING));
    /** SenML records: no model chain, so no ids or length; matched by name, every value a JSON number. */
    private static final Map<String, Field> SENML_MODEL = ordered(
            "name", req(Kind.STRING), "layout", req(Kind.STRING), "poll", opt(Kind.BOOLEAN),
            "points", req(Kind.ARRAY));
    private static final Map<String, Field> SENML_POINT = ordered(
            "name", req(Kind.STRING), "unit", req(Kind.STRING), "description", opt(Kind.STRING));

    private static final Map<String, Field> BLOCK = ordered(
            "name", req(Kind.STRING), "table", opt(Kind.STRING), "start", req(Kind.INT), "repeat", opt(Kind.OBJECT),
            "points", req(Kind.ARRAY));
    private static final Map<String, Field> REPEAT = ordered(
            "count", req(Kind.STRING), "stride", req(Kind.INT), "max", req(Kind.INT));
    private static final Map<String, Field> REGISTER_POINT = ordered(
            "name", req(Kind.STRING), "offset", req(Kind.INT), "type", req(Kind.STRING),
            "scale", opt(Kind.NUMBER), "unit", req(Kind.STRING), "symbols", opt(Kind.OBJECT),
            "writable", opt(Kind.BOOLEAN), "min", opt(Kind.NUMBER), "max", opt(Kind.NUMBER),
            "description", opt(Kind.STRING));

    private static final Map<String, Field> SIGNAL = ordered(
            "name", req(Kind.STRING), "unit", req(Kind.STRING), "writable", opt(Kind.BOOLEAN),
            "min", opt(Kind.NUMBER), "max", opt(Kind.NUMBER), "description", opt(Kind.STRING));
    private static final Map<String, Field> EVENT = ordered(
            "name", req(Kind.STRING), "unit", req(Kind.STRING), "description", opt(Kind.STRING),
            "attrs", opt(Kind.ARRAY));
    private static final Map<String, Field> ATTR = ordered(
            "name", req(Kind.STRING), "required", opt(Kind.BOOLEAN), "symbols", opt(Kind.ARRAY),
            "pattern", opt(Kind.STRING), "description", opt(Kind.STRING));

    private ProfileSchema() {
    }

    /** Adds one message per shape problem to {@code errors}, each prefixed by {@code file}. */
    static void check(String file, JsonNode root, List<String> errors) {
        if (root == null || !root.isObject()) {
            errors.add(file + ": (root): expected a mapping of profile keys");
            return;
        }
        checkObject(file, "", root, PROFILE, errors);
        JsonNode models = root.get("models");
        if (models != null && models.isArray()) {
            for (int m = 0; m < models.size(); m++) {
                String mp = "models[" + m + "]";
                JsonNode model = models.get(m);
                if (!model.isObject()) {
                    errors.add(file + ": " + mp + ": expected a mapping");
                    continue;
                }
                JsonNode layoutNode = model.get("layout");
                Layout layout = Layout.SUNSPEC;
                if (layoutNode != null && layoutNode.isTextual()) {
                    Optional<Layout> known = Layout.fromYaml(layoutNode.textValue());
                    if (known.isEmpty()) {
                        errors.add(file + ": " + mp + ".layout: unknown layout '" + layoutNode.textValue()
                                + "' (known: " + Arrays.stream(Layout.values()).map(Layout::yamlName)
                                .collect(Collectors.joining(", ")) + ")");
                        continue;
                    }
                    layout = known.get();
                }
                Map<String, Field> modelFields = layout == Layout.SENML ? SENML_MODEL : MODEL;
                Map<String, Field> pointFields = layout == Layout.SENML ? SENML_POINT : POINT;
                checkObject(file, mp + ".", model, modelFields, errors);
                JsonNode ids = model.get("ids");
                if (ids != null && ids.isArray()) {
                    for (int i = 0; i < ids.size(); i++) {
                        if (!ids.get(i).isInt()) {
                            errors.add(file + ": " + mp + ".ids[" + i + "]: expected an integer");
                        }
                    }
                }
                checkPoints(file, mp, model.get("points"), pointFields, errors);
                JsonNode group = model.get("group");
                if (layout == Layout.SUNSPEC && group != null && group.isObject()) {
                    String gp = mp + ".group";
                    checkObject(file, gp + ".", group, GROUP, errors);
                    JsonNode repeat = group.get("repeat");
                    if (repeat != null && repeat.isObject()) {
                        checkObject(file, gp + ".repeat.", repeat, REPEAT, errors);
                    }
                    checkPoints(file, gp, group.get("points"), POINT, errors);
                }
            }
        }
        checkRegisters(file, root.get("registers"), errors);
        checkList(file, "signals", root.get("signals"), SIGNAL, errors);
        checkList(file, "events", root.get("events"), EVENT, errors);
        JsonNode events = root.get("events");
        if (events != null && events.isArray()) {
            for (int e = 0; e < events.size(); e++) {
                JsonNode event = events.get(e);
                String ep = "events[" + e + "]";
                checkList(file, ep + ".attrs", event.get("attrs"), ATTR, errors);
                JsonNode attrs = event.get("attrs");
                for (int a = 0; attrs != null && attrs.isArray() && a < attrs.size(); a++) {
                    JsonNode symbols = attrs.get(a).get("symbols");
                    for (int i = 0; symbols != null && symbols.isArray() && i < symbols.size(); i++) {
                        if (!symbols.get(i).isTextual()) {
                            errors.add(file + ": " + ep + ".attrs[" + a + "].symbols[" + i + "]: expected a string");
                        }
                    }
                }
            }
        }
    }

    /** A list of mappings of one kind; a non-mapping item is reported, not looked into. */
    private static void checkList(String file, String prefix, JsonNode items, Map<String, Field> fields,
                                  List<String> errors) {
        if (items == null || !items.isArray()) {
            return;
        }
        for (int i = 0; i < items.size(); i++) {
            String ip = prefix + "[" + i + "]";
            if (!items.get(i).isObject()) {
                errors.add(file + ": " + ip + ": expected a mapping");
                continue;
            }
            checkObject(file, ip + ".", items.get(i), fields, errors);
        }
    }

    private static void checkPoints(String file, String prefix, JsonNode points, Map<String, Field> pointFields,
                                    List<String> errors) {
        if (points == null || !points.isArray()) {
            return;
        }
        for (int p = 0; p < points.size(); p++) {
            String pp = prefix + ".points[" + p + "]";
            JsonNode point = points.get(p);
            if (!point.isObject()) {
                errors.add(file + ": " + pp + ": expected a mapping");
                continue;
            }
            checkObject(file, pp + ".", point, pointFields, errors);
            checkSymbols(file, pp, point, errors);
        }
    }

    private static void checkRegisters(String file, JsonNode blocks, List<String> errors) {
        if (blocks == null || !blocks.isArray()) {
            return;
        }
        for (int b = 0; b < blocks.size(); b++) {
            String bp = "registers[" + b + "]";
            JsonNode block = blocks.get(b);
            if (!block.isObject()) {
                errors.add(file + ": " + bp + ": expected a mapping");
                continue;
            }
            checkObject(file, bp + ".", block, BLOCK, errors);
            JsonNode repeat = block.get("repeat");
            if (repeat != null && repeat.isObject()) {
                checkObject(file, bp + ".repeat.", repeat, REPEAT, errors);
            }
            JsonNode points = block.get("points");
            if (points != null && points.isArray()) {
                for (int p = 0; p < points.size(); p++) {
                    String pp = bp + ".points[" + p + "]";
                    JsonNode point = points.get(p);
                    if (!point.isObject()) {
                        errors.add(file + ": " + pp + ": expected a mapping");
                        continue;
                    }
                    checkObject(file, pp + ".", point, REGISTER_POINT, errors);
                    checkSymbols(file, pp, point, errors);
                }
            }
        }
    }

    private static void checkSymbols(String file, String pp, JsonNode point, List<String> errors) {
        JsonNode symbols = point.get("symbols");
        if (symbols != null && symbols.isObject()) {
            for (Map.Entry<String, JsonNode> e : symbols.properties()) {
                if (!e.getValue().isInt()) {
                    errors.add(file + ": " + pp + ".symbols." + e.getKey() + ": expected an integer");
                }
            }
        }
    }

    private static void checkObject(String file, String prefix, JsonNode node, Map<String, Field> fields,
                                    List<String> errors) {
        for (Map.Entry<String, JsonNode> entry : node.properties()) {
            String key = entry.getKey();
            if (!fields.containsKey(key)) {
                errors.add(file + ": " + prefix + key + ": unknown key (known: " + String.join(", ", fields.keySet()) + ")");
            }
        }
        fields.forEach((key, field) -> {
            JsonNode value = node.get(key);
            if (value == null || value.isNull()) {
                if (field.required()) {
                    errors.add(file + ": " + prefix + key + ": missing");
                }
            } else if (!hasKind(value, field.kind())) {
                errors.add(file + ": " + prefix + key + ": expected " + describe(field.kind())
                        + ", found " + value.getNodeType().name().toLowerCase() + " '" + value.asText() + "'");
            }
        });
    }

    private static boolean hasKind(JsonNode value, Kind kind) {
        return switch (kind) {
            case STRING -> value.isTextual();
            case INT -> value.isInt();
            case NUMBER -> value.isNumber();
            case BOOLEAN -> value.isBoolean();
            case ARRAY -> value.isArray();
            case OBJECT -> value.isObject();
        };
    }

    private static String describe(Kind kind) {
        return switch (kind) {
            case STRING -> "a string (quote numbers such as \"1\")";
            case INT -> "an integer";
            case NUMBER -> "a number";
            case BOOLEAN -> "true or false";
            case ARRAY -> "a list";
            case OBJECT -> "a mapping";
        };
    }

    private static Map<String, Field> ordered(Object... keyValues) {
        Map<String, Field> map = new LinkedHashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            map.put((String) keyValues[i], (Field) keyValues[i + 1]);
        }
        return Collections.unmodifiableMap(map);
    }
}
