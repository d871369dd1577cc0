package fr.beffroi.profiles.model;

import java.util.Objects;
import java.util.Optional;

/**
 * A point of a device that is neither in a register map nor in a SenML pack: a GPIO line (a door
 * contact, a lock relay), a value a serial reader states. Its driver knows where to find it; the
 * profile says what it means and whether a command may write it.
 *
 * @param name        point name, unique in its profile
 * @param unit        UCUM code ("1" for a binary or dimensionless state)
 * @param writable    whether a command may write it (a relay); then {@code min} and {@code max} bound it
 * @param min         lowest value a command may write
 * @param max         highest value a command may write
 * @param description free text for people, saying what 0 and 1 mean for a binary line
 */
public record SignalSpec(String name, String unit, boolean writable, Optional<Double> min, Optional<Double> max,
                         String description) {
    public SignalSpec {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(unit, "unit");
        Objects.requireNonNull(min, "min");
        Objects.requireNonNull(max, "max");
        description = description == null ? "" : description;
    }

    /** Why a command may not write {@code value} here, if it may not. */
    public Optional<String> commandProblem(double value) {
        if (!writable) {
            return Optional.of("point '" + name + "' is not writable");
        }
        if (Double.isNaN(value) || value < min.orElse(Double.NEGATIVE_INFINITY)
                || value > max.orElse(Double.POSITIVE_INFINITY)) {
            return Optional.of("value " + value + " outside " + name + "'s range " + min.orElse(null) + ".." + max.orElse(null));
        }
        return Optional.empty();
    }
}
