package fr.beffroi.edge.buffer;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * What the buffer does with new readings when it holds {@code maxReadings} already. There is
 * deliberately no "drop oldest": nothing is deleted at the edge before the cloud confirmed it.
 */
public enum WhenFull {
    /** Refuse the new readings, count them, keep every unconfirmed one. */
    REFUSE_NEW("refuse-new");

    private final String configName;

    WhenFull(String configName) {
        this.configName = configName;
    }

    public String configName() {
        return configName;
    }

    public static Optional<WhenFull> fromConfigName(String name) {
        return Arrays.stream(values()).filter(w -> w.configName.equals(name)).findFirst();
    }

    public static List<String> configNames() {
        return Arrays.stream(values()).map(WhenFull::configName).toList();
    }
}
