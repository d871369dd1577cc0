package fr.beffroi.profiles.codec.senml;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * One resolved SenML record: the base fields of the pack are folded in (RFC 8428 §4.6).
 *
 * @param index     0-based position in the pack, for messages
 * @param name      the resolved name, base name + name
 * @param localName the record's own {@code n} (empty when absent): what a profile point matches
 * @param time      base time + time, made absolute when it was relative to "now"
 * @param unit      the SenML unit, the record's {@code u} or else the base unit
 * @param value     the numeric value, base value + {@code v}; empty for string, boolean or data values
 * @param sum       base sum + {@code s}, when given
 * @param other     which non-numeric value field the record carries ({@code vs}, {@code vb}, {@code vd}),
 *                  for messages; empty otherwise
 */
public record SenmlRecord(int index, String name, String localName, Instant time, Optional<String> unit,
                          Optional<Double> value, Optional<Double> sum, Optional<String> other) {
    public SenmlRecord {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(localName, "localName");
        Objects.requireNonNull(time, "time");
        Objects.requireNonNull(unit, "unit");
        Objects.requireNonNull(value, "value");
        Objects.requireNonNull(sum, "sum");
        Objects.requireNonNull(other, "other");
    }
}
