package fr.beffroi.profiles.codec.senml;

import java.time.Instant;
import java.util.Objects;

/**
 * One SenML record mapped to a profile point.
 *
 * @param point the profile's point name
 * @param time  the record's resolved time
 * @param value the numeric value, in {@code unit}
 * @param unit  the point's UCUM code
 */
public record SenmlValue(String point, Instant time, double value, String unit) {
    public SenmlValue {
        Objects.requireNonNull(point, "point");
        Objects.requireNonNull(time, "time");
        Objects.requireNonNull(unit, "unit");
    }
}
