package fr.beffroi.profiles.load;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import fr.beffroi.profiles.model.AttrSpec;
import fr.beffroi.profiles.model.DataType;
import fr.beffroi.profiles.model.DeviceProfile;
import fr.beffroi.profiles.model.EventSpec;
import fr.beffroi.profiles.model.Layout;
import fr.beffroi.profiles.model.ModelSpec;
import fr.beffroi.profiles.model.PointSpec;
import fr.beffroi.profiles.model.RegisterBlock;
import fr.beffroi.profiles.model.RegisterPoint;
import fr.beffroi.profiles.model.RegisterTable;
import fr.beffroi.profiles.model.RegisterType;
import fr.beffroi.profiles.model.SignalSpec;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Loads device profiles from {@code profiles/<family>/<id>.yaml} on a class path, and validates
 * each twice: its shape ({@link ProfileSchema}), then its meaning ({@link ProfileSemantics}). The
 * second pass runs only on a well-shaped tree, so its messages never trip over a missing key.
 */
public final class ProfileLoader {

    private final ClassLoader classLoader;
    private final ObjectMapper yaml;

    /** Loads from the class path that holds this module's bundled profiles. */
    public ProfileLoader() {
        this(ProfileLoader.class.getClassLoader());
    }

    public ProfileLoader(ClassLoader classLoader) {
        this.classLoader = Objects.requireNonNull(classLoader, "classLoader");
        this.yaml = YAMLMapper.builder(new YAMLFactory())
                .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
                .build();
    }

    /**
     * Loads {@code profiles/<family>/<id>.yaml}.
     *
     * @throws ProfileValidationException listing every problem, or saying the file is missing
     */
    public DeviceProfile load(String family, String id) {
        return loadResource("profiles/" + family + "/" + id + ".yaml");
    }

    /** Loads a profile from a class-path resource; the path must end in {@code <family>/<id>.yaml}. */
    public DeviceProfile loadResource(String resource) {
        try (InputStream in = classLoader.getResourceAsStream(resource)) {
            if (in == null) {
                throw new ProfileValidationException(List.of(resource + ": no such profile on the class path"));
            }
            return parse(resource, new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + resource, e);
        }
    }

    /**
     * Parses and validates YAML text. {@code file} names the source in messages and, when it ends
     * in {@code <family>/<id>.yaml}, must agree with the profile's {@code family} and {@code id}.
     */
    public DeviceProfile parse(String file, String yamlText) {
        JsonNode root;
        try {
            root = yaml.readTree(yamlText);
        } catch (JsonProcessingException e) {
            throw new ProfileValidationException(List.of(file + ": (yaml): " + e.getOriginalMessage()
                    + location(e)));
        }
        List<String> errors = new ArrayList<>();
        ProfileSchema.check(file, root, errors);
        if (!errors.isEmpty()) {
            throw new ProfileValidationException(errors);
        }
        DeviceProfile profile = toProfile(root, file, errors);
        ProfileSemantics.check(file, profile, errors);
        if (!errors.isEmpty()) {
            throw new ProfileValidationException(errors);
        }
        return profile;
    }

    private static String location(JsonProcessingException e) {
        return e.getLocation() == null ? "" : " (line " + e.getLocation().getLineNr() + ")";
    }

    /** Builds records from a well-shaped tree; an unknown type name is reported, not thrown. */
    private static DeviceProfile toProfile(JsonNode root, String file, List<String> errors) {
        List<ModelSpec> models = new ArrayList<>();
        JsonNode modelNodes = root.path("models");
        for (int m = 0; m < modelNodes.size(); m++) {
            JsonNode mn = modelNodes.get(m);
            // the shape pass has checked the layout name
            Layout layout = text(mn, "layout").flatMap(Layout::fromYaml).orElse(Layout.SUNSPEC);
            List<Integer> ids = new ArrayList<>();
            if (mn.hasNonNull("ids")) {
                mn.get("ids").forEach(n -> ids.add(n.intValue()));
            }
            List<PointSpec> points = toPoints(mn.get("points"), layout, file, "models[" + m + "]", errors);
            Optional<ModelSpec.Group> group = Optional.empty();
            JsonNode gn = mn.get("group");
            if (gn != null && !gn.isNull()) {
                JsonNode rn = gn.get("repeat");
                group = Optional.of(new ModelSpec.Group(gn.get("name").textValue(), gn.get("offset").intValue(),
                        new RegisterBlock.Repeat(rn.get("count").textValue(), rn.get("stride").intValue(),
                                rn.get("max").intValue()),
                        toPoints(gn.get("points"), layout, file, "models[" + m + "].group", errors)));
            }
            models.add(new ModelSpec(
                    mn.get("name").textValue(),
                    ids,
                    mn.hasNonNull("length") ? mn.get("length").intValue() : 0,
                    mn.hasNonNull("poll") && mn.get("poll").booleanValue(),
                    mn.hasNonNull("optional") && mn.get("optional").booleanValue(),
                    points,
                    group,
                    layout));
        }
        return new DeviceProfile(
                root.get("id").textValue(),
                root.get("version").intValue(),
                root.get("family").textValue(),
                text(root, "description").orElse(""),
                models,
                toBlocks(root.path("registers"), file, errors),
                toSignals(root.path("signals")),
                toEvents(root.path("events"), file, errors));
    }

    private static List<SignalSpec> toSignals(JsonNode nodes) {
        List<SignalSpec> signals = new ArrayList<>();
        for (JsonNode n : nodes) {
            signals.add(new SignalSpec(n.get("name").textValue(), n.get("unit").textValue(),
                    n.hasNonNull("writable") && n.get("writable").booleanValue(),
                    number(n, "min"), number(n, "max"), text(n, "description").orElse("")));
        }
        return signals;
    }

    /** A pattern that does not compile is reported with its path and left out. */
    private static List<EventSpec> toEvents(JsonNode nodes, String file, List<String> errors) {
        List<EventSpec> events = new ArrayList<>();
        for (int e = 0; e < nodes.size(); e++) {
            JsonNode n = nodes.get(e);
            List<AttrSpec> attrs = new ArrayList<>();
            JsonNode attrNodes = n.path("attrs");
            for (int a = 0; a < attrNodes.size(); a++) {
                JsonNode an = attrNodes.get(a);
                List<String> symbols = new ArrayList<>();
                an.path("symbols").forEach(s -> symbols.add(s.textValue()));
                Optional<Pattern> pattern = Optional.empty();
                if (an.hasNonNull("pattern")) {
                    try {
                        pattern = Optional.of(Pattern.compile(an.get("pattern").textValue()));
                    } catch (PatternSyntaxException ex) {
                        errors.add(file + ": events[" + e + "].attrs[" + a + "].pattern: not a regular expression: "
                                + ex.getDescription());
                    }
                }
                attrs.add(new AttrSpec(an.get("name").textValue(),
                        an.hasNonNull("required") && an.get("required").booleanValue(),
                        symbols, pattern, text(an, "description").orElse("")));
            }
            events.add(new EventSpec(n.get("name").textValue(), n.get("unit").textValue(),
                    text(n, "description").orElse(""), attrs));
        }
        return events;
    }


    private static List<PointSpec> toPoints(JsonNode pointNodes, Layout layout, String file, String prefix,
                                            List<String> errors) {
        List<PointSpec> points = new ArrayList<>();
        for (int p = 0; p < pointNodes.size(); p++) {
            JsonNode pn = pointNodes.get(p);
            // SenML points carry JSON numbers: their type is always float64
            String typeName = layout == Layout.SENML ? DataType.FLOAT64.yamlName() : pn.get("type").textValue();
            Optional<DataType> type = DataType.fromYaml(typeName);
            if (type.isEmpty()) {
                errors.add(file + ": " + prefix + ".points[" + p + "].type: unknown type '" + typeName
                        + "' (known: " + knownTypes() + ")");
            }
            points.add(new PointSpec(
                    pn.get("name").textValue(),
                    pn.hasNonNull("offset") ? pn.get("offset").intValue() : 0,
                    // a placeholder keeps building going so the meaning pass can still report
                    // every other problem; the unknown type is already in errors
                    type.orElse(DataType.UINT16),
                    pn.hasNonNull("size") ? pn.get("size").intValue() : 0,
                    text(pn, "unit"),
                    text(pn, "scaleFactor"),
                    symbols(pn),
                    text(pn, "description").orElse("")));
        }
        return points;
    }

    private static List<RegisterBlock> toBlocks(JsonNode blockNodes, String file, List<String> errors) {
        List<RegisterBlock> blocks = new ArrayList<>();
        for (int b = 0; b < blockNodes.size(); b++) {
            JsonNode bn = blockNodes.get(b);
            List<RegisterPoint> points = new ArrayList<>();
            JsonNode pointNodes = bn.get("points");
            for (int p = 0; p < pointNodes.size(); p++) {
                JsonNode pn = pointNodes.get(p);
                String typeName = pn.get("type").textValue();
                Optional<RegisterType> type = RegisterType.fromYaml(typeName);
                if (type.isEmpty()) {
                    errors.add(file + ": registers[" + b + "].points[" + p + "].type: unknown type '" + typeName
                            + "' (known: " + RegisterType.known() + ")");
                }
                points.add(new RegisterPoint(
                        pn.get("name").textValue(),
                        pn.get("offset").intValue(),
                        type.orElse(RegisterType.UINT16),
                        pn.hasNonNull("scale") ? pn.get("scale").doubleValue() : 1.0,
                        pn.get("unit").textValue(),
                        symbols(pn),
                        pn.hasNonNull("writable") && pn.get("writable").booleanValue(),
                        number(pn, "min"),
                        number(pn, "max"),
                        text(pn, "description").orElse("")));
            }
            JsonNode rn = bn.get("repeat");
            Optional<RegisterBlock.Repeat> repeat = rn == null || rn.isNull() ? Optional.empty()
                    : Optional.of(new RegisterBlock.Repeat(rn.get("count").textValue(), rn.get("stride").intValue(),
                    rn.get("max").intValue()));
            // the shape pass has checked that table, when present, is a string
            String tableName = text(bn, "table").orElse(RegisterTable.HOLDING.yamlName());
            Optional<RegisterTable> table = RegisterTable.fromYaml(tableName);
            if (table.isEmpty()) {
                errors.add(file + ": registers[" + b + "].table: unknown table '" + tableName + "' (known: "
                        + RegisterTable.known() + ")");
            }
            blocks.add(new RegisterBlock(bn.get("name").textValue(), table.orElse(RegisterTable.HOLDING),
                    bn.get("start").intValue(), repeat, points));
        }
        return blocks;
    }

    private static Map<String, Integer> symbols(JsonNode pn) {
        Map<String, Integer> symbols = new LinkedHashMap<>();
        JsonNode sn = pn.get("symbols");
        if (sn != null && !sn.isNull()) {
            for (Map.Entry<String, JsonNode> e : sn.properties()) {
                symbols.put(e.getKey(), e.getValue().intValue());
            }
        }
        return symbols;
    }

    private static Optional<Double> number(JsonNode node, String key) {
        JsonNode v = node.get(key);
        return v == null || v.isNull() ? Optional.empty() : Optional.of(v.doubleValue());
    }

    private static Optional<String> text(JsonNode node, String key) {
        JsonNode v = node.get(key);
        return v == null || v.isNull() ? Optional.empty() : Optional.of(v.textValue());
    }

    private static String knownTypes() {
        StringBuilder sb = new StringBuilder();
        for (DataType t : DataType.values()) {
            if (sb.length() > 0) {
                sb.append(", ");
            }
            sb.append(t.yamlName());
        }
        return sb.toString();
    }
}
