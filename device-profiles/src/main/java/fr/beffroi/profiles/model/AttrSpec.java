package fr.beffroi.profiles.model;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * One text attribute of an {@link EventSpec}.
 *
 * @param name        attribute key on the wire ({@code tag}, {@code side}, {@code lat})
 * @param required    whether every event of the kind carries it
 * @param symbols     the only values allowed, when the attribute is an enumeration; empty otherwise
 * @param pattern     a regular expression the whole value must match, when given
 *                    ({@code [0-9A-F]{16}} for a normalised RFID tag)
 * @param description free text for people
 */
public record AttrSpec(String name, boolean required, List<String> symbols, Optional<Pattern> pattern,
                       String description) {
    public AttrSpec {
        Objects.requireNonNull(name, "name");
        symbols = List.copyOf(symbols);
        Objects.requireNonNull(pattern, "pattern");
        description = description == null ? "" : description;
    }

    /** Why {@code value} does not fit this attribute, if it does not. */
    public Optional<String> problem(String value) {
        if (!symbols.isEmpty() && !symbols.contains(value)) {
            return Optional.of("'" + value + "' is not one of " + String.join(", ", symbols));
        }
        if (pattern.isPresent() && !pattern.get().matcher(value).matches()) {
            return Optional.of("'" + value + "' does not match " + pattern.get().pattern());
        }
        return Optional.empty();
    }
}
