package fr.beffroi.profiles.model;

import java.util.Arrays;
import java.util.Optional;

/**
 * Which of the two Modbus register tables a block of a plain map lives in. Each table has its own
 * address space (holding register 0 and input register 0 are different registers), so blocks only
 * overlap within one table. Devices put read-only measurements in input registers (a groundwater
 * probe) or everything in holding registers (most building controllers): holding is the default.
 */
public enum RegisterTable {
    /** Holding registers: read with function 3, written with functions 6 and 16. */
    HOLDING("holding", 3),
    /** Input registers: read-only, read with function 4. */
    INPUT("input", 4);

    private final String yamlName;
    private final int readFunction;

    RegisterTable(String yamlName, int readFunction) {
        this.yamlName = yamlName;
        this.readFunction = readFunction;
    }

    public String yamlName() {
        return yamlName;
    }

    /** The Modbus function code that reads it. */
    public int readFunction() {
        return readFunction;
    }

    /** Whether a command may write it (only holding registers can be written). */
    public boolean isWritable() {
        return this == HOLDING;
    }

    public static Optional<RegisterTable> fromYaml(String name) {
        return Arrays.stream(values()).filter(t -> t.yamlName.equals(name)).findFirst();
    }

    public static String known() {
        return String.join(", ", Arrays.stream(values()).map(RegisterTable::yamlName).toList());
    }
}
