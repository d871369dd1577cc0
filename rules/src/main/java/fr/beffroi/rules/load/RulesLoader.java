package fr.beffroi.rules.load;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import fr.beffroi.profiles.unit.DurationText;
import fr.beffroi.rules.model.Aggregate;
import fr.beffroi.rules.model.AlertLevel;
import fr.beffroi.rules.model.BookingEdge;
import fr.beffroi.rules.model.Condition;
import fr.beffroi.rules.model.ContextVariables;
import fr.beffroi.rules.model.Hysteresis;
import fr.beffroi.rules.model.InputSpec;
import fr.beffroi.rules.model.Location;
import fr.beffroi.rules.model.Rule;
import fr.beffroi.rules.model.RuleSet;
import fr.beffroi.rules.model.RunMode;
import fr.beffroi.rules.model.Site;
import fr.beffroi.rules.model.Step;
import fr.beffroi.rules.model.SunEvent;
import fr.beffroi.rules.model.Trigger;
import fr.beffroi.rules.time.CronSchedule;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Loads a tenant's rule file (schema in the module README). Nothing half-valid comes out: either
 * a {@link RuleSet} whose every rule can run, or a {@link RulesValidationException} listing every
 * problem of the file, each as {@code <file>:<line>:<column>: <path>: <message>}.
 */
public final class RulesLoader {
    private static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9_-]{0,62}");
    // CEL identifiers, minus CEL's reserved words that a YAML author might pick
    private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,62}");
    /** CEL string literals, single or double quoted, with backslash escapes. */
    private static final Pattern QUOTED = Pattern.compile("'(\\\\.|[^'\\\\])*'|\"(\\\\.|[^\"\\\\])*\"");
    private static final Pattern BOOKING_VARIABLES = Pattern.compile("\\b(" + ContextVariables.BOOKED + "|"
            + ContextVariables.HOURS_TO_BOOKING + ")\\b");
    private static final Set<String> CEL_RESERVED = Set.of("true", "false", "null", "in", "as", "break", "const",
            "continue", "else", "for", "function", "if", "import", "let", "loop", "package", "namespace",
            "return", "var", "void", "while");

    private static final Set<String> ROOT_KEYS = Set.of("tenant", "location", "rules");
    private static final Set<String> LOCATION_KEYS = Set.of("latitude", "longitude", "timezone");
    private static final Set<String> RULE_KEYS = Set.of("id", "description", "runs", "mode", "inputs", "when",
            "if", "hysteresis", "for", "then", "else");
    private static final Set<String> INPUT_KEYS = Set.of("device", "point", "avg", "min", "max", "count");
    private static final Set<String> READING_KEYS = Set.of("device", "point");
    private static final Set<String> SUN_KEYS = Set.of("event", "offset");
    private static final Set<String> BOOKING_KEYS = Set.of("room", "at", "offset");
    private static final Set<String> HYSTERESIS_KEYS = Set.of("input", "on_below", "off_above", "on_above",
            "off_below");
    private static final Set<String> COMMAND_KEYS = Set.of("device", "point", "value", "expires");
    private static final Set<String> ALERT_KEYS = Set.of("level", "message");

    private final YAMLFactory factory;
    private final ObjectMapper yaml;

    public RulesLoader() {
        this.factory = new YAMLFactory();
        this.yaml = YAMLMapper.builder(factory)
                .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
                .build();
    }

    /** Loads a rule file from disk; messages name it by the path given. */
    public RuleSet load(Path file) {
        try {
            return parse(file.toString(), Files.readString(file, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read rule file " + file, e);
        }
    }

    /** Loads a rule file from the class path (the shipped examples, tests). */
    public RuleSet loadResource(String resource) {
        try (InputStream in = RulesLoader.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new RulesValidationException(List.of(resource + ": no such rule file on the class path"));
            }
            return parse(resource, new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + resource, e);
        }
    }

    /**
     * Parses, validates and compiles a rule file.
     *
     * @param file names the source in messages
     * @throws RulesValidationException listing every problem
     */
    public RuleSet parse(String file, String yamlText) {
        JsonNode root;
        try {
            root = yaml.readTree(yamlText);
        } catch (JsonProcessingException e) {
            String at = e.getLocation() == null ? "1:1"
                    : e.getLocation().getLineNr() + ":" + e.getLocation().getColumnNr();
            throw new RulesValidationException(List.of(file + ":" + at + ": (yaml): " + e.getOriginalMessage()));
        }
        Errors errors = new Errors(file, YamlPositions.of(factory, yamlText));
        RuleSet set = toRuleSet(root, errors);
        if (!errors.list.isEmpty()) {
            throw new RulesValidationException(errors.list);
        }
        return set;
    }

    // ---------------------------------------------------------------- file

    private static RuleSet toRuleSet(JsonNode root, Errors errors) {
        Where top = new Where("", "");
        if (root == null || !root.isObject()) {
            errors.add(top, "(root): expected a mapping with tenant, location and rules");
            return null;
        }
        keys(root, top, ROOT_KEYS, errors);
        String tenant = requiredText(root, top, "tenant", errors);
        if (tenant != null && !ID.matcher(tenant).matches()) {
            errors.add(top.key("tenant"), "'" + tenant + "' is not a tenant id (lower case letters, digits, - and _)");
        }
        Optional<Location> location = location(root.get("location"), top.key("location"), errors);
        List<Rule> rules = new ArrayList<>();
        JsonNode ruleNodes = root.get("rules");
        if (ruleNodes == null) {
            errors.add(top.key("rules"), "missing (write rules: [] for a tenant without rules)");
        } else if (!ruleNodes.isArray()) {
            errors.add(top.key("rules"), "expected a list of rules");
        } else {
            Set<String> ids = new HashSet<>();
            for (int i = 0; i < ruleNodes.size(); i++) {
                Rule r = rule(ruleNodes.get(i), top.index("rules", i), location.isPresent(), errors);
                if (r != null && !ids.add(r.id())) {
                    errors.add(top.index("rules", i).key("id"), "duplicate rule id '" + r.id() + "'");
                }
                if (r != null) rules.add(r);
            }
        }
        return tenant == null ? null : new RuleSet(tenant, location, rules);
    }

    private static Optional<Location> location(JsonNode node, Where at, Errors errors) {
        if (node == null || node.isNull()) return Optional.empty();
        if (!node.isObject()) {
            errors.add(at, "expected a mapping with latitude, longitude and timezone");
            return Optional.empty();
        }
        keys(node, at, LOCATION_KEYS, errors);
        Double lat = requiredNumber(node, at, "latitude", errors);
        Double lon = requiredNumber(node, at, "longitude", errors);
        ZoneId zone = Location.DEFAULT_ZONE;
        String tz = optionalText(node, at, "timezone", errors);
        if (tz != null) {
            try {
                zone = ZoneId.of(tz);
            } catch (RuntimeException e) {
                errors.add(at.key("timezone"), "unknown time zone '" + tz + "' (e.g. Europe/Paris)");
            }
        }
        if (lat == null || lon == null) return Optional.empty();
        if (lat < -90 || lat > 90) {
            errors.add(at.key("latitude"), lat + " is not a latitude (-90 to 90)");
            return Optional.empty();
        }
        if (lon < -180 || lon > 180) {
            errors.add(at.key("longitude"), lon + " is not a longitude (-180 to 180)");
            return Optional.empty();
        }
        return Optional.of(new Location(lat, lon, zone));
    }

    // ---------------------------------------------------------------- one rule

    private static Rule rule(JsonNode node, Where at, boolean hasLocation, Errors errors) {
        if (node == null || !node.isObject()) {
            errors.add(at, "expected a rule (a mapping with id, then...)");
            return null;
        }
        int before = errors.list.size();
        String id = requiredText(node, at, "id", errors);
        if (id != null && !ID.matcher(id).matches()) {
            errors.add(at.key("id"), "'" + id + "' is not a rule id (lower case letters, digits, - and _)");
        }
        if (id != null) at = at.named(id);
        keys(node, at, RULE_KEYS, errors);
        String description = Optional.ofNullable(optionalText(node, at, "description", errors)).orElse("");
        Site runs = enumValue(node, at, "runs", Site.CLOUD, Site::fromYaml, "edge, cloud", errors);
        RunMode mode = enumValue(node, at, "mode", RunMode.SINGLE, RunMode::fromYaml,
                "single, restart, queued, parallel", errors);
        Map<String, InputSpec> inputs = inputs(node.get("inputs"), at.key("inputs"), errors);
        List<Trigger> when = triggers(node.get("when"), at.key("when"), hasLocation, errors);
        Optional<Hysteresis> hysteresis = hysteresis(node.get("hysteresis"), at.key("hysteresis"), inputs, errors);

        Optional<Condition> condition = Optional.empty();
        String source = optionalText(node, at, "if", errors);
        if (source != null) {
            CelConditions.Compiled c = CelConditions.compile(source, inputs.keySet(), hasLocation);
            for (String issue : c.issues()) {
                errors.add(at.key("if"), "CEL " + issue);
            }
            condition = Optional.ofNullable(c.condition());
        }
        if (runs == Site.EDGE) edgeWithoutBookings(at, when, source, errors);
        boolean stateful = source != null || node.hasNonNull("hysteresis");

        Duration holdFor = Duration.ZERO;
        if (node.has("for")) {
            holdFor = duration(node.get("for"), at.key("for"), false, errors).orElse(Duration.ZERO);
            if (!stateful) {
                errors.add(at.key("for"), "for: needs a condition (if: or hysteresis:) to hold");
            }
        }
        List<Step> then = steps(node.get("then"), at.key("then"), true, errors);
        List<Step> otherwise = steps(node.get("else"), at.key("else"), false, errors);
        if (node.has("else") && !stateful) {
            errors.add(at.key("else"), "else: needs a condition (if: or hysteresis:) to turn false");
        }
        if (!node.has("when") && inputs.isEmpty() && errors.list.size() == before) {
            errors.add(at, "nothing triggers this rule: give when: triggers or inputs:");
        }
        if (errors.list.size() > before) return null;
        return new Rule(id, description, runs, mode, inputs, when, condition, hysteresis, holdFor, then, otherwise);
    }

    /**
     * Bookings live in the cloud (the booking API) and are not sent to gateways: an edge rule on a
     * booking trigger, {@code booked} or {@code hours_to_booking} would load and then never fire.
     * Refused here, so that it is moved to the cloud instead of failing in silence.
     */
    private static void edgeWithoutBookings(Where at, List<Trigger> when, String source, Errors errors) {
        for (int i = 0; i < when.size(); i++) {
            if (when.get(i) instanceof Trigger.OnBooking) {
                errors.add(at.key("when"), "booking triggers need the bookings, which only the cloud holds:"
                        + " a runs: edge rule cannot take them (run it in the cloud)");
                break;
            }
        }
        if (source != null) {
            // Names outside quoted text: 'booked' as a room name is no use of the variable.
            java.util.regex.Matcher m = BOOKING_VARIABLES.matcher(QUOTED.matcher(source).replaceAll("''"));
            if (m.find()) {
                errors.add(at.key("if"), m.group(1) + " comes from the bookings, which only the cloud holds:"
                        + " a runs: edge rule cannot use it (run it in the cloud)");
            }
        }
    }

    private static Map<String, InputSpec> inputs(JsonNode node, Where at, Errors errors) {
        Map<String, InputSpec> inputs = new LinkedHashMap<>();
        if (node == null || node.isNull()) return inputs;
        if (!node.isObject()) {
            errors.add(at, "expected a mapping of input names to {device, point}");
            return inputs;
        }
        for (Map.Entry<String, JsonNode> e : node.properties()) {
            String name = e.getKey();
            Where in = at.key(name);
            if (!IDENTIFIER.matcher(name).matches() || CEL_RESERVED.contains(name)) {
                errors.add(in, "'" + name + "' cannot name an input: use letters, digits and _, not a CEL keyword");
                continue;
            }
            if (ContextVariables.ALL.contains(name)) {
                errors.add(in, "'" + name + "' is a context variable (" + String.join(", ",
                        ContextVariables.ALL.stream().sorted().toList()) + "); pick another input name");
                continue;
            }
            JsonNode v = e.getValue();
            if (!v.isObject()) {
                errors.add(in, "expected {device, point} and at most one of avg, min, max, count");
                continue;
            }
            keys(v, in, INPUT_KEYS, errors);
            String device = requiredText(v, in, "device", errors);
            String point = requiredText(v, in, "point", errors);
            Aggregate aggregate = Aggregate.LATEST;
            Duration window = Duration.ZERO;
            for (String k : List.of("avg", "min", "max", "count")) {
                if (!v.has(k)) continue;
                if (aggregate != Aggregate.LATEST) {
                    errors.add(in.key(k), "an input takes at most one of avg, min, max, count");
                    continue;
                }
                Optional<Duration> d = duration(v.get(k), in.key(k), false, errors);
                if (d.isPresent() && d.get().isZero()) {
                    errors.add(in.key(k), "a window must be longer than 0");
                } else if (d.isPresent()) {
                    aggregate = Aggregate.windowed(k).orElseThrow();
                    window = d.get();
                }
            }
            if (device != null && point != null) {
                inputs.put(name, new InputSpec(name, device, point, aggregate, window));
            }
        }
        return inputs;
    }

    private static List<Trigger> triggers(JsonNode node, Where at, boolean hasLocation, Errors errors) {
        List<Trigger> triggers = new ArrayList<>();
        if (node == null || node.isNull()) return triggers;
        if (!node.isArray()) {
            errors.add(at, "expected a list of triggers (reading, cron, sun, booking)");
            return triggers;
        }
        for (int i = 0; i < node.size(); i++) {
            Where t = at.index(i);
            Map.Entry<String, JsonNode> only = single(node.get(i), t, "reading, cron, sun or booking", errors);
            if (only == null) continue;
            Where w = t.key(only.getKey());
            JsonNode v = only.getValue();
            switch (only.getKey()) {
                case "reading" -> {
                    if (!object(v, w, "{device, point}", errors)) continue;
                    keys(v, w, READING_KEYS, errors);
                    String device = requiredText(v, w, "device", errors);
                    String point = requiredText(v, w, "point", errors);
                    if (device != null && point != null) triggers.add(new Trigger.OnReading(device, point));
                }
                case "cron" -> {
                    if (!v.isTextual()) {
                        errors.add(w, "expected a Quartz cron expression in quotes, e.g. \"0 0 6 * * ?\"");
                        continue;
                    }
                    try {
                        triggers.add(new Trigger.OnCron(CronSchedule.parse(v.textValue())));
                    } catch (RuntimeException e) {
                        errors.add(w, "'" + v.textValue() + "' is not a Quartz cron expression (seconds minutes "
                                + "hours day-of-month month day-of-week [year]): " + e.getMessage());
                    }
                }
                case "sun" -> {
                    if (!object(v, w, "{event: sunrise|sunset, offset}", errors)) continue;
                    keys(v, w, SUN_KEYS, errors);
                    SunEvent event = enumValue(v, w, "event", null,
                            s -> java.util.Arrays.stream(SunEvent.values())
                                    .filter(e -> e.name().toLowerCase(Locale.ROOT).equals(s)).findFirst(),
                            "sunrise, sunset", errors);
                    if (!v.has("event")) errors.add(w.key("event"), "missing (sunrise or sunset)");
                    Duration offset = v.has("offset")
                            ? duration(v.get("offset"), w.key("offset"), true, errors).orElse(null) : Duration.ZERO;
                    if (!hasLocation) {
                        errors.add(w, "sun: needs the tenant's location: (latitude, longitude) at the top of the file");
                    } else if (event != null && offset != null) {
                        triggers.add(new Trigger.OnSun(event, offset));
                    }
                }
                case "booking" -> {
                    if (!object(v, w, "{room, at: start|end, offset}", errors)) continue;
                    keys(v, w, BOOKING_KEYS, errors);
                    String room = requiredText(v, w, "room", errors);
                    BookingEdge edge = enumValue(v, w, "at", null,
                            s -> java.util.Arrays.stream(BookingEdge.values())
                                    .filter(e -> e.name().toLowerCase(Locale.ROOT).equals(s)).findFirst(),
                            "start, end", errors);
                    if (!v.has("at")) errors.add(w.key("at"), "missing (start or end)");
                    Duration offset = v.has("offset")
                            ? duration(v.get("offset"), w.key("offset"), true, errors).orElse(null) : Duration.ZERO;
                    if (room != null && edge != null && offset != null) {
                        triggers.add(new Trigger.OnBooking(room, edge, offset));
                    }
                }
                default -> errors.add(w, "unknown trigger '" + only.getKey() + "' (known: reading, cron, sun, booking)");
            }
        }
        return triggers;
    }

    private static Optional<Hysteresis> hysteresis(JsonNode node, Where at, Map<String, InputSpec> inputs,
                                                   Errors errors) {
        if (node == null || node.isNull()) return Optional.empty();
        if (!object(node, at, "{input, on_below, off_above} or {input, on_above, off_below}", errors)) {
            return Optional.empty();
        }
        keys(node, at, HYSTERESIS_KEYS, errors);
        String input = requiredText(node, at, "input", errors);
        if (input != null && !inputs.containsKey(input)) {
            errors.add(at.key("input"), "unknown input '" + input + "' (inputs: " + String.join(", ", inputs.keySet())
                    + ")");
            input = null;
        }
        boolean below = node.has("on_below") || node.has("off_above");
        boolean above = node.has("on_above") || node.has("off_below");
        if (below == above) {
            errors.add(at, "give either on_below and off_above (on when falling) or on_above and off_below "
                    + "(on when rising)");
            return Optional.empty();
        }
        Double on = requiredNumber(node, at, below ? "on_below" : "on_above", errors);
        Double off = requiredNumber(node, at, below ? "off_above" : "off_below", errors);
        if (on == null || off == null || input == null) return Optional.empty();
        if (below ? !(on < off) : !(on > off)) {
            errors.add(at, below ? "on_below (" + on + ") must be lower than off_above (" + off + ")"
                    : "on_above (" + on + ") must be higher than off_below (" + off + ")");
            return Optional.empty();
        }
        return Optional.of(new Hysteresis(input, below, on, off));
    }

    private static List<Step> steps(JsonNode node, Where at, boolean required, Errors errors) {
        List<Step> steps = new ArrayList<>();
        if (node == null || node.isNull()) {
            if (required) errors.add(at, "missing: the steps to run (command, alert, delay)");
            return steps;
        }
        if (!node.isArray() || node.isEmpty()) {
            errors.add(at, "expected a non-empty list of steps (command, alert, delay)");
            return steps;
        }
        for (int i = 0; i < node.size(); i++) {
            Where s = at.index(i);
            Map.Entry<String, JsonNode> only = single(node.get(i), s, "command, alert or delay", errors);
            if (only == null) continue;
            Where w = s.key(only.getKey());
            JsonNode v = only.getValue();
            switch (only.getKey()) {
                case "delay" -> duration(v, w, false, errors).ifPresent(d -> steps.add(new Step.Delay(d)));
                case "command" -> {
                    if (!object(v, w, "{device, point, value, expires}", errors)) continue;
                    keys(v, w, COMMAND_KEYS, errors);
                    String device = requiredText(v, w, "device", errors);
                    String point = requiredText(v, w, "point", errors);
                    Double value = requiredNumber(v, w, "value", errors);
                    Optional<Duration> expires = Optional.empty();
                    if (!v.has("expires")) {
                        errors.add(w.key("expires"), "missing: how long the command stays worth executing, e.g. 2m");
                    } else {
                        expires = duration(v.get("expires"), w.key("expires"), false, errors);
                        if (expires.isPresent() && expires.get().isZero()) {
                            errors.add(w.key("expires"), "must be longer than 0");
                            expires = Optional.empty();
                        }
                    }
                    if (device != null && point != null && value != null && expires.isPresent()) {
                        steps.add(new Step.Command(device, point, value, expires.get()));
                    }
                }
                case "alert" -> {
                    if (!object(v, w, "{level, message}", errors)) continue;
                    keys(v, w, ALERT_KEYS, errors);
                    AlertLevel level = enumValue(v, w, "level", AlertLevel.WARNING, AlertLevel::fromYaml,
                            "info, warning, critical", errors);
                    String message = requiredText(v, w, "message", errors);
                    if (message != null) steps.add(new Step.Alert(level, message));
                }
                default -> errors.add(w, "unknown step '" + only.getKey() + "' (known: command, alert, delay)");
            }
        }
        return steps;
    }

    // ---------------------------------------------------------------- small readers

    /** Reports every key of {@code node} not in {@code known}. */
    private static void keys(JsonNode node, Where at, Set<String> known, Errors errors) {
        for (Map.Entry<String, JsonNode> e : node.properties()) {
            if (!known.contains(e.getKey())) {
                errors.add(at.key(e.getKey()), "unknown key '" + e.getKey() + "' (known: "
                        + String.join(", ", known.stream().sorted().toList()) + ")");
            }
        }
    }

    private static Map.Entry<String, JsonNode> single(JsonNode node, Where at, String kinds, Errors errors) {
        if (node == null || !node.isObject() || node.size() != 1) {
            errors.add(at, "expected exactly one of " + kinds);
            return null;
        }
        return node.properties().iterator().next();
    }

    private static boolean object(JsonNode node, Where at, String shape, Errors errors) {
        if (node != null && node.isObject()) return true;
        errors.add(at, "expected " + shape);
        return false;
    }

    private static String requiredText(JsonNode node, Where at, String key, Errors errors) {
        JsonNode v = node.get(key);
        if (v == null || v.isNull()) {
            errors.add(at.key(key), "missing");
            return null;
        }
        if (!v.isTextual() || v.textValue().isBlank()) {
            errors.add(at.key(key), "expected a non-empty text");
            return null;
        }
        return v.textValue();
    }

    private static String optionalText(JsonNode node, Where at, String key, Errors errors) {
        JsonNode v = node.get(key);
        if (v == null || v.isNull()) return null;
        if (!v.isTextual()) {
            errors.add(at.key(key), "expected a text");
            return null;
        }
        return v.textValue();
    }

    private static Double requiredNumber(JsonNode node, Where at, String key, Errors errors) {
        JsonNode v = node.get(key);
        if (v == null || v.isNull()) {
            errors.add(at.key(key), "missing");
            return null;
        }
        if (!v.isNumber() || !Double.isFinite(v.doubleValue())) {
            errors.add(at.key(key), "expected a number, found '" + v.asText() + "'");
            return null;
        }
        return v.doubleValue();
    }

    private static <E> E enumValue(JsonNode node, Where at, String key, E fallback,
                                   java.util.function.Function<String, Optional<E>> parse, String known,
                                   Errors errors) {
        String text = optionalText(node, at, key, errors);
        if (text == null) return fallback;
        Optional<E> value = parse.apply(text);
        if (value.isEmpty()) {
            errors.add(at.key(key), "unknown value '" + text + "' (known: " + known + ")");
            return fallback;
        }
        return value.get();
    }

    /** A {@link DurationText} duration; with {@code signed}, a leading - or + too (offsets). */
    private static Optional<Duration> duration(JsonNode v, Where at, boolean signed, Errors errors) {
        if (v == null || !v.isTextual()) {
            errors.add(at, "expected a duration such as 250ms, 5s, 2m, 1h or 1d" + (signed ? ", or -15m" : ""));
            return Optional.empty();
        }
        String text = v.textValue().strip();
        boolean negative = false;
        if (signed && (text.startsWith("-") || text.startsWith("+"))) {
            negative = text.startsWith("-");
            text = text.substring(1);
        }
        Optional<Duration> d = DurationText.parse(text);
        if (d.isEmpty()) {
            errors.add(at, "'" + v.textValue() + "' is not a duration; write a whole number and a unit: 250ms, 5s, "
                    + "2m, 1h or 1d" + (signed ? " (a leading - for before)" : ""));
            return Optional.empty();
        }
        return Optional.of(negative ? d.get().negated() : d.get());
    }

    /** A place in the file: a JSON pointer for its position, and the path shown to the operator. */
    private record Where(String pointer, String display) {
        Where key(String k) {
            return new Where(pointer + "/" + k.replace("~", "~0").replace("/", "~1"),
                    display.isEmpty() ? k : display + "." + k);
        }

        Where index(String k, int i) {
            return new Where(pointer + "/" + k + "/" + i, (display.isEmpty() ? k : display + "." + k) + "[" + i + "]");
        }

        Where index(int i) {
            return new Where(pointer + "/" + i, display + "[" + i + "]");
        }

        Where named(String id) {
            return new Where(pointer, display + " (" + id + ")");
        }
    }

    private static final class Errors {
        final String file;
        final YamlPositions positions;
        final List<String> list = new ArrayList<>();

        Errors(String file, YamlPositions positions) {
            this.file = file;
            this.positions = positions;
        }

        void add(Where at, String message) {
            list.add(file + ":" + positions.at(at.pointer()) + ": "
                    + (at.display().isEmpty() ? "" : at.display() + ": ") + message);
        }
    }
}
