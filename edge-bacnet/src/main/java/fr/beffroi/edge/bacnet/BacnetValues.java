package fr.beffroi.edge.bacnet;

import com.serotonin.bacnet4j.type.Encodable;
import com.serotonin.bacnet4j.type.constructed.Scale;
import com.serotonin.bacnet4j.type.constructed.StatusFlags;
import com.serotonin.bacnet4j.type.enumerated.BinaryPV;
import com.serotonin.bacnet4j.type.enumerated.EngineeringUnits;
import com.serotonin.bacnet4j.type.primitive.Boolean;
import com.serotonin.bacnet4j.type.primitive.Enumerated;
import com.serotonin.bacnet4j.type.primitive.Real;
import com.serotonin.bacnet4j.type.primitive.SignedInteger;
import com.serotonin.bacnet4j.type.primitive.UnsignedInteger;
import fr.beffroi.profiles.wire.Quality;

import java.util.Map;
import java.util.Optional;

/**
 * BACnet values to and from the numbers and UCUM units of our readings: pure functions, no network.
 */
public final class BacnetValues {

    /**
     * BACnet engineering units that a building controller uses, to their UCUM code (only codes our
     * UcumUnits allows). A unit outside this table is a configuration problem, never a guess.
     */
    private static final Map<EngineeringUnits, String> UCUM = Map.ofEntries(
            Map.entry(EngineeringUnits.degreesCelsius, "Cel"),
            Map.entry(EngineeringUnits.degreesKelvin, "K"),
            Map.entry(EngineeringUnits.deltaDegreesKelvin, "K"),
            Map.entry(EngineeringUnits.watts, "W"),
            Map.entry(EngineeringUnits.kilowatts, "kW"),
            Map.entry(EngineeringUnits.wattHours, "W.h"),
            Map.entry(EngineeringUnits.kilowattHours, "kW.h"),
            Map.entry(EngineeringUnits.percent, "%"),
            Map.entry(EngineeringUnits.percentRelativeHumidity, "%"),
            Map.entry(EngineeringUnits.noUnits, "1"),
            Map.entry(EngineeringUnits.cubicMeters, "m3"),
            Map.entry(EngineeringUnits.cubicMetersPerHour, "m3/h"),
            Map.entry(EngineeringUnits.liters, "L"),
            Map.entry(EngineeringUnits.litersPerMinute, "L/min"),
            Map.entry(EngineeringUnits.bars, "bar"),
            Map.entry(EngineeringUnits.pascals, "Pa"),
            Map.entry(EngineeringUnits.hectopascals, "hPa"),
            Map.entry(EngineeringUnits.luxes, "lx"),
            Map.entry(EngineeringUnits.volts, "V"),
            Map.entry(EngineeringUnits.amperes, "A"),
            Map.entry(EngineeringUnits.hertz, "Hz"));

    private BacnetValues() {
    }

    /** The UCUM code of a BACnet engineering unit, if we know it. */
    public static Optional<String> ucum(EngineeringUnits units) {
        return Optional.ofNullable(UCUM.get(units));
    }

    /**
     * A present-value as a number: REAL as the shortest decimal that gives back the same float (a
     * controller's 21.3 is 21.3, not 21.299999237060547), unsigned and signed integers as they are,
     * binary states as 1 (active) and 0 (inactive), BOOLEAN as 1 and 0.
     *
     * @throws IllegalArgumentException for a value that is not a number (a NULL, a string): a
     *                                  point map that names the wrong object
     */
    public static double number(Encodable value) {
        if (value instanceof Real r) {
            return Double.parseDouble(Float.toString(r.floatValue()));
        }
        if (value instanceof com.serotonin.bacnet4j.type.primitive.Double d) {
            return d.doubleValue();
        }
        if (value instanceof UnsignedInteger u) {
            return u.longValue();
        }
        if (value instanceof SignedInteger s) {
            return s.longValue();
        }
        if (value instanceof BinaryPV b) {
            return b.intValue() == BinaryPV.active.intValue() ? 1 : 0;
        }
        if (value instanceof Boolean b) {
            return b.booleanValue() ? 1 : 0;
        }
        if (value instanceof Enumerated e) {
            return e.intValue();
        }
        throw new IllegalArgumentException("not a number: " + (value == null ? "nothing" : value.getClass().getSimpleName()
                + " " + value));
    }

    /**
     * An Accumulator's value in its units: present-value × scale, where an integer scale is a
     * power of ten (ASHRAE 135 §12.1.8: 0.1 kWh steps are present-value × 10^−1).
     */
    public static double scaled(double presentValue, Scale scale) {
        if (scale == null) {
            return presentValue;
        }
        if (scale.isReal()) {
            return round(presentValue * Double.parseDouble(Float.toString(scale.getReal().floatValue())));
        }
        int exponent = scale.getSignedInteger().intValue();
        return exponent >= 0 ? presentValue * Math.pow(10, exponent) : round(presentValue / Math.pow(10, -exponent));
    }

    /** Drops the binary noise of a decimal product (12345 × 0.1), keeping 12 significant digits. */
    private static double round(double v) {
        if (v == 0 || Double.isNaN(v) || Double.isInfinite(v)) {
            return v;
        }
        return new java.math.BigDecimal(v).round(new java.math.MathContext(12)).doubleValue();
    }

    /**
     * What the object's status flags say of its present-value: a FAULT makes it BAD (the device
     * says the value is unreliable); OUT_OF_SERVICE (the value is decoupled from the sensor) or
     * OVERRIDDEN (a local hand switch holds it) make it UNCERTAIN. IN_ALARM says nothing of the
     * value's truth. No flags read: GOOD.
     */
    public static Quality quality(StatusFlags flags) {
        if (flags == null) {
            return Quality.GOOD;
        }
        if (flags.isFault()) {
            return Quality.BAD;
        }
        if (flags.isOutOfService() || flags.isOverridden()) {
            return Quality.UNCERTAIN;
        }
        return Quality.GOOD;
    }

    /**
     * The present-value to write for a command: REAL for analog objects, the state number (1..n)
     * for multi-state ones, ACTIVE/INACTIVE for binary ones.
     *
     * @throws IllegalArgumentException for a type that cannot be commanded, or a value its type
     *                                  cannot carry (a mode of 2.5, a binary 3)
     */
    public static Encodable command(BacnetObjectType type, double value) {
        return switch (type) {
            case ANALOG_OUTPUT, ANALOG_VALUE -> new Real((float) value);
            case MULTI_STATE_OUTPUT, MULTI_STATE_VALUE -> {
                if (value != Math.rint(value) || value < 1) {
                    throw new IllegalArgumentException("a multi-state value is a state number 1, 2, 3..., not " + value);
                }
                yield new UnsignedInteger((long) value);
            }
            case BINARY_OUTPUT, BINARY_VALUE -> {
                if (value != 0 && value != 1) {
                    throw new IllegalArgumentException("a binary value is 0 or 1, not " + value);
                }
                yield value == 1 ? BinaryPV.active : BinaryPV.inactive;
            }
            default -> throw new IllegalArgumentException(type.code() + " objects cannot be commanded");
        };
    }
}
