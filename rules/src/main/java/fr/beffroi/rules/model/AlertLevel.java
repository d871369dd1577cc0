package fr.beffroi.rules.model;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** How urgent an alert is. */
public enum AlertLevel {
    INFO, WARNING, CRITICAL;

    public String yamlName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<AlertLevel> fromYaml(String text) {
        return Arrays.stream(values()).filter(l -> l.yamlName().equals(text)).findFirst();
    }
}
