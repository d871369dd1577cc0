package fr.beffroi.rules.model;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** Where a rule executes: at the commune's gateway (works offline) or in the cloud. */
public enum Site {
    EDGE, CLOUD;

    public String yamlName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<Site> fromYaml(String text) {
        return Arrays.stream(values()).filter(s -> s.yamlName().equals(text)).findFirst();
    }
}
