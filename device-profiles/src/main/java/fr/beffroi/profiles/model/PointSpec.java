package fr.beffroi.profiles.model;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One point of a register model.
 *
 * @param name        point name, unique in its profile (SunSpec names for PV: {@code W}, {@code WH})
 * @param offset      register offset from the model's ID register (the ID is 0, the length 1, the
 *                    body starts at 2), as SunSpec tables count
 * @param type        how the words are typed
 * @param size        width in registers for {@link DataType#STRING}; 0 for every other type
 * @param unit        UCUM code of the scaled value; empty for scale factors and strings
 * @param scaleFactor name of the {@link DataType#SUNSSF} point in the same model that scales this
 *                    one (value = raw × 10^sf); empty when the value is not scaled
 * @param symbols     for enums, symbol name → raw value (e.g. {@code MPPT: 4}); for bitfields, symbol
 *                    name → bit number (e.g. {@code GROUND_FAULT: 0}), as SunSpec's JSON models say;
 *                    empty otherwise
 * @param description free text for people
 */
public record PointSpec(String name, int offset, DataType type, int size, Optional<String> unit,
                        Optional<String> scaleFactor, Map<String, Integer> symbols, String description) {
    public PointSpec {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(unit, "unit");
        Objects.requireNonNull(scaleFactor, "scaleFactor");
        symbols = Map.copyOf(symbols);
        description = description == null ? "" : description;
    }

    /** Width in registers. */
    public int words() {
        return type == DataType.STRING ? size : type.words();
    }
}
