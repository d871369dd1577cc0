package fr.beffroi.profiles.model;

import java.util.Arrays;
import java.util.Optional;

/**
 * How the words of a plain Modbus register point are typed. Apart from {@link DataType} because
 * plain maps mean something else: no "not implemented" sentinels, a decimal {@code scale} instead of
 * a SunSpec scale-factor register, and IEEE floats that building controllers use widely. 32-bit
 * types are big-endian with the high word first, the Modbus convention.
 */
public enum RegisterType {
    INT16("int16", 1, Short.MIN_VALUE, Short.MAX_VALUE),
    UINT16("uint16", 1, 0, 0xFFFF),
    /** A uint16 whose values are the point's {@code symbols}. */
    ENUM16("enum16", 1, 0, 0xFFFF),
    INT32("int32", 2, Integer.MIN_VALUE, Integer.MAX_VALUE),
    UINT32("uint32", 2, 0, 0xFFFFFFFFL),
    FLOAT32("float32", 2, 0, 0);

    private final String yamlName;
    private final int words;
    private final long minRaw;
    private final long maxRaw;

    RegisterType(String yamlName, int words, long minRaw, long maxRaw) {
        this.yamlName = yamlName;
        this.words = words;
        this.minRaw = minRaw;
        this.maxRaw = maxRaw;
    }

    public String yamlName() {
        return yamlName;
    }

    /** Width in 16-bit registers. */
    public int words() {
        return words;
    }

    public boolean isInteger() {
        return this != FLOAT32;
    }

    /** Smallest raw integer the type holds; meaningless for {@link #FLOAT32}. */
    public long minRaw() {
        return minRaw;
    }

    /** Largest raw integer the type holds; meaningless for {@link #FLOAT32}. */
    public long maxRaw() {
        return maxRaw;
    }

    public static Optional<RegisterType> fromYaml(String name) {
        return Arrays.stream(values()).filter(t -> t.yamlName.equals(name)).findFirst();
    }

    public static String known() {
        return String.join(", ", Arrays.stream(values()).map(RegisterType::yamlName).toList());
    }
}
