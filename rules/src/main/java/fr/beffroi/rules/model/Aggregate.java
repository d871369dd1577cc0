package fr.beffroi.rules.model;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** How an input turns the readings of its point into the one double a condition sees. */
public enum Aggregate {
    /** The last value received (no window). */
    LATEST,
    /** Mean over the window. */
    AVG,
    MIN,
    MAX,
    /** Number of readings received in the window (0 when none). */
    COUNT;

    public String yamlName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The windowed aggregates, as written in a rule file ({@code avg: 10m}). */
    public static Optional<Aggregate> windowed(String yamlKey) {
        return Arrays.stream(values()).filter(a -> a != LATEST && a.yamlName().equals(yamlKey)).findFirst();
    }
}
