package fr.beffroi.profiles.codec.modbus;

import fr.beffroi.profiles.wire.Quality;

import java.util.Objects;

/**
 * One decoded point of a plain Modbus map.
 *
 * @param point   reading name: the point name, prefixed by block and instance in a repeated block
 *                ({@code zone2.roomTemp})
 * @param value   raw × scale; {@code 0} when {@code quality} is BAD
 * @param unit    UCUM code from the profile
 * @param quality GOOD; UNCERTAIN for an enum value outside the profile's symbols; BAD for a float
 *                that is NaN or infinite (the wire contract wants finite values)
 */
public record ModbusValue(String point, double value, String unit, Quality quality) {
    public ModbusValue {
        Objects.requireNonNull(point, "point");
        Objects.requireNonNull(unit, "unit");
        Objects.requireNonNull(quality, "quality");
    }
}
