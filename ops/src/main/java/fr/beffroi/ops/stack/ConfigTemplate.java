package fr.beffroi.ops.stack;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A gateway config shipped in {@code ops/src/main/resources/gateways/} with {@code ${name}}
 * placeholders for what only the run knows (free ports, paths). Every placeholder must be given,
 * and every value given must be used, so a template and its caller cannot drift apart silently.
 */
public final class ConfigTemplate {
    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([A-Za-z]+)}");

    private final String name;
    private final String text;

    private ConfigTemplate(String name, String text) {
        this.name = name;
        this.text = text;
    }

    /** Loads {@code gateways/<name>.yaml} from the classpath. */
    public static ConfigTemplate gateway(String name) {
        String resource = "gateways/" + name + ".yaml";
        try (InputStream in = ConfigTemplate.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) throw new IllegalArgumentException("no gateway template " + resource);
            return new ConfigTemplate(resource, new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + resource, e);
        }
    }

    public String fill(Map<String, String> values) {
        Matcher m = PLACEHOLDER.matcher(text);
        StringBuilder out = new StringBuilder();
        TreeSet<String> missing = new TreeSet<>();
        TreeSet<String> unused = new TreeSet<>(values.keySet());
        while (m.find()) {
            String key = m.group(1);
            unused.remove(key);
            String value = values.get(key);
            if (value == null) missing.add(key);
            m.appendReplacement(out, Matcher.quoteReplacement(value == null ? "" : value));
        }
        m.appendTail(out);
        if (!missing.isEmpty() || !unused.isEmpty()) {
            throw new IllegalArgumentException(name + ": placeholders without a value " + missing
                    + ", values without a placeholder " + unused);
        }
        return out.toString();
    }
}
