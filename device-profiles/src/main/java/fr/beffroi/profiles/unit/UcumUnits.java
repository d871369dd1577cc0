package fr.beffroi.profiles.unit;

import java.util.Set;

/**
 * The small set of UCUM case-sensitive codes Beffroi accepts. A closed list rather than a UCUM
 * grammar: a profile with {@code kwh} or {@code Wh} is a typo that must fail at load time, not a
 * unit the cloud has to guess. Energy is {@code W.h}: UCUM writes a product of units with a dot,
 * and {@code Wh} is no UCUM code at all. Add a code here when a profile really needs it.
 */
public final class UcumUnits {

    /** Dimensionless (states, bit fields, counts): UCUM's unity. */
    public static final String ONE = "1";

    private static final Set<String> ALLOWED = Set.of(
            ONE, "%",
            "W", "kW", "VA", "var", "W.h", "kW.h", "var.h",
            "V", "A", "Hz", "Cel", "K",
            "s", "min", "h", "d",
            "m", "mm", "m3", "L", "m3/h", "L/min", "bar", "Pa", "hPa",
            "kg", "lx",
            "deg", "km/h");

    private UcumUnits() {
    }

    public static boolean isAllowed(String code) {
        return ALLOWED.contains(code);
    }

    public static Set<String> allowed() {
        return ALLOWED;
    }
}
