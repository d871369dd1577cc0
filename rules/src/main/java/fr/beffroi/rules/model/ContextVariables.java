package fr.beffroi.rules.model;

import java.util.Set;

/**
 * Variables a condition sees besides its inputs; their names cannot be input names. Time values
 * are in the tenant's time zone at the instant of evaluation.
 */
public final class ContextVariables {
    /** int, 0–23. */
    public static final String HOUR = "hour";
    /** int, 0–59. */
    public static final String MINUTE = "minute";
    /** int, 1 = Monday … 7 = Sunday. */
    public static final String WEEKDAY = "weekday";
    /** bool, between sunrise and sunset; declared only when the file gives a location. */
    public static final String DAYLIGHT = "daylight";
    /** list(string), the rooms with a booking going on: {@code 'gym' in booked}. */
    public static final String BOOKED = "booked";

    public static final Set<String> ALL = Set.of(HOUR, MINUTE, WEEKDAY, DAYLIGHT, BOOKED);

    private ContextVariables() {
    }
}
