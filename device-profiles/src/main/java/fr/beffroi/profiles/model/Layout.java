package fr.beffroi.profiles.model;

import java.util.Arrays;
import java.util.Optional;

/**
 * How a model's points are found on the device, which decides what a point's {@code offset} means.
 */
public enum Layout {
    /** A SunSpec block found by walking the model chain: offsets count from the block's ID register. */
    SUNSPEC("sunspec"),
    /** A fixed map of input registers (function 4): offsets are 0-based protocol addresses. */
    INPUT_REGISTERS("input-registers"),
    /** A fixed map of holding registers (function 3): offsets are 0-based protocol addresses. */
    HOLDING_REGISTERS("holding-registers"),
    /** SenML records (RFC 8428): a point is matched by the record's name; it has no offset. */
    SENML("senml");

    private final String yamlName;

    Layout(String yamlName) {
        this.yamlName = yamlName;
    }

    public String yamlName() {
        return yamlName;
    }

    /** A plain Modbus register map at fixed addresses. */
    public boolean isRegisterMap() {
        return this == INPUT_REGISTERS || this == HOLDING_REGISTERS;
    }

    public static Optional<Layout> fromYaml(String name) {
        return Arrays.stream(values()).filter(l -> l.yamlName.equals(name)).findFirst();
    }
}
