package fr.beffroi.profiles.model;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One point of a plain Modbus register block.
 *
 * @param name        point name, unique in its profile ({@code roomTemp}); a repeated block's
 *                    readings prefix it with the block name and instance ({@code zone2.roomTemp})
 * @param offset      register offset from the start of the block (or of one instance of it)
 * @param type        how the words are typed
 * @param scale       value = raw × scale (e.g. 0.1 for tenths of a degree); 1 for enums and floats
 *                    that carry the value as it is
 * @param unit        UCUM code of the scaled value ({@code "1"} when dimensionless)
 * @param symbols     for {@code enum16}, symbol name → raw value; empty otherwise
 * @param writable    {@code true} when a command may write it (Modbus functions 6 and 16)
 * @param min         smallest value a command may write, in the point's unit; present exactly
 *                    when writable and not an enum (an enum is bounded by its symbols)
 * @param max         largest value a command may write
 * @param description free text for people
 */
public record RegisterPoint(String name, int offset, RegisterType type, double scale, String unit,
                            Map<String, Integer> symbols, boolean writable, Optional<Double> min,
                            Optional<Double> max, String description) {
    public RegisterPoint {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(unit, "unit");
        Objects.requireNonNull(min, "min");
        Objects.requireNonNull(max, "max");
        symbols = Map.copyOf(symbols);
        description = description == null ? "" : description;
    }

    public int words() {
        return type.words();
    }

    /**
     * raw × scale. A scale below 1 that is the inverse of a whole number (0.1, 0.01, 0.5) divides
     * instead, so that 195 × 0.1 comes out as the nearest double to 19.5, not 19.500000000000004.
     */
    public double scaled(double raw) {
        double inverse = 1 / scale;
        if (scale < 1 && Math.abs(inverse - Math.rint(inverse)) < 1e-9) {
            return raw / Math.rint(inverse);
        }
        return raw * scale;
    }
}
