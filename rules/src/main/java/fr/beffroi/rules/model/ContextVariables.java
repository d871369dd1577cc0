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
    /**
     * bool, the rule's own latch: its {@code then} has run and its {@code else} not yet. Lets a
     * condition switch on and off on different expressions or windows ({@code active ? max5 >= 0.5 :
     * power > 3.0}), a hysteresis that the one-input {@code hysteresis:} cannot say.
     */
    public static final String ACTIVE = "active";

    /**
     * map(string, double), per room, hours until its next known booking starts, 0 while one is going
     * on; a room without a booking to come is absent. Lets a rule look ahead, which a booking trigger
     * alone cannot: "no booking in the next 24 h" ({@code !('hall' in hours_to_booking &&
     * hours_to_booking['hall'] <= 24.0)}).
     */
    public static final String HOURS_TO_BOOKING = "hours_to_booking";

    public static final Set<String> ALL = Set.of(HOUR, MINUTE, WEEKDAY, DAYLIGHT, BOOKED, ACTIVE, HOURS_TO_BOOKING);

    private ContextVariables() {
    }
}
