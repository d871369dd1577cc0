package fr.beffroi.profiles.model;

import java.util.Arrays;
import java.util.Optional;

/**
 * How a model's points are found on the device, which decides what a point is keyed by. Plain
 * Modbus maps at fixed addresses are no model layout: they are a profile's {@code registers:}
 * blocks ({@link RegisterBlock}).
 */
public enum Layout {
    /** A SunSpec block found by walking the model chain: offsets count from the block's ID register. */
    SUNSPEC("sunspec"),
    /** SenML records (RFC 8428): a point is matched by the record's name; it has no offset. */
    SENML("senml");

    private final String yamlName;

    Layout(String yamlName) {
        this.yamlName = yamlName;
    }

    public String yamlName() {
        return yamlName;
    }

    public static Optional<Layout> fromYaml(String name) {
        return Arrays.stream(values()).filter(l -> l.yamlName.equals(name)).findFirst();
    }
}
