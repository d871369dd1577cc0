package fr.beffroi.profiles.codec.registers;

import fr.beffroi.profiles.wire.Quality;

import java.util.Objects;

/**
 * One point of a register map, decoded.
 *
 * @param point   the profile's point name
 * @param value   raw × scale, in {@code unit}
 * @param unit    UCUM code
 * @param quality GOOD; UNCERTAIN for an enum value outside its symbols; BAD for a float that is NaN
 *                or infinite (value 0, so the wire stays finite)
 */
public record RegisterValue(String point, double value, String unit, Quality quality) {
    public RegisterValue {
        Objects.requireNonNull(point, "point");
        Objects.requireNonNull(unit, "unit");
        Objects.requireNonNull(quality, "quality");
    }
}
