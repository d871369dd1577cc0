package fr.beffroi.rules.model;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * What happens when a rule fires while an earlier firing's action sequence is still running
 * (waiting in a {@code delay:}); the same four modes as Home Assistant automations.
 */
public enum RunMode {
    /** The new firing is ignored. */
    SINGLE,
    /** The running sequence is cancelled and the new one starts at once. */
    RESTART,
    /** The new sequence waits and starts when the running one ends. */
    QUEUED,
    /** Both run side by side. */
    PARALLEL;

    public String yamlName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<RunMode> fromYaml(String text) {
        return Arrays.stream(values()).filter(m -> m.yamlName().equals(text)).findFirst();
    }
}
