package fr.beffroi.profiles.codec.sunspec;

import fr.beffroi.profiles.model.DataType;
import fr.beffroi.profiles.wire.Quality;

import java.util.Optional;

/**
 * One decoded point.
 *
 * @param point   point name from the profile
 * @param type    its register type
 * @param value   the scaled value (raw × 10^sf); {@code 0} when {@code quality} is BAD, and for strings
 * @param text    the text of a string point; empty for numbers
 * @param unit    UCUM code; empty for strings
 * @param quality GOOD; UNCERTAIN for an enum value outside the profile's symbols; BAD when the
 *                device marks the point, or its scale factor, "not implemented"
 */
public record DecodedPoint(String point, DataType type, double value, Optional<String> text,
                           Optional<String> unit, Quality quality) {

    public boolean isText() {
        return text.isPresent();
    }
}
