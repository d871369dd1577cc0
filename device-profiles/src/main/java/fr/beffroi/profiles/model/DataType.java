package fr.beffroi.profiles.model;

import java.util.Arrays;
import java.util.Optional;

/**
 * How a point's register words are typed, with the SunSpec type names as the YAML spells them.
 * Each type knows its width and the raw value that SunSpec reserves for "not implemented".
 */
public enum DataType {
    INT16("int16", 1),
    UINT16("uint16", 1),
    ACC16("acc16", 1),
    ENUM16("enum16", 1),
    BITFIELD16("bitfield16", 1),
    INT32("int32", 2),
    UINT32("uint32", 2),
    ACC32("acc32", 2),
    ENUM32("enum32", 2),
    BITFIELD32("bitfield32", 2),
    /** IEEE 754 single precision, high word first; NaN means "not implemented". */
    FLOAT32("float32", 2),
    /** IEEE 754 double precision, high word first; also the type of every SenML value. */
    FLOAT64("float64", 4),
    /** A scale factor: a signed power of ten that other points refer to by name. */
    SUNSSF("sunssf", 1),
    /** ASCII, two characters per register, NUL-padded; its width is the point's {@code size}. */
    STRING("string", 0);

    private final String yamlName;
    private final int words;

    DataType(String yamlName, int words) {
        this.yamlName = yamlName;
        this.words = words;
    }

    /** The name used in profile files, e.g. {@code acc32}. */
    public String yamlName() {
        return yamlName;
    }

    /** Width in 16-bit registers; 0 for {@link #STRING}, whose width the profile gives. */
    public int words() {
        return words;
    }

    /** Numeric types that become readings (every type but scale factors and strings). */
    public boolean isMeasurement() {
        return this != SUNSSF && this != STRING;
    }

    /** Types whose raw value may be multiplied by a scale factor. */
    public boolean isScalable() {
        return switch (this) {
            case INT16, UINT16, ACC16, INT32, UINT32, ACC32 -> true;
            default -> false;
        };
    }

    public boolean isFloat() {
        return this == FLOAT32 || this == FLOAT64;
    }

    public boolean isEnum() {
        return this == ENUM16 || this == ENUM32;
    }

    public boolean isBitfield() {
        return this == BITFIELD16 || this == BITFIELD32;
    }

    public static Optional<DataType> fromYaml(String name) {
        return Arrays.stream(values()).filter(t -> t.yamlName.equals(name)).findFirst();
    }
}
