package fr.beffroi.profiles.codec.modbus;

import fr.beffroi.profiles.model.RegisterPoint;
import fr.beffroi.profiles.model.RegisterType;
import fr.beffroi.profiles.wire.Quality;

/**
 * Register words ↔ values for one point, driven by its {@link RegisterPoint}: type, scale, symbols
 * and, for writes, the range a command may ask for. Big-endian words, high word first for 32-bit
 * types, as the Modbus data model lays out multi-register values.
 */
public final class RegisterCodec {

    private RegisterCodec() {
    }

    /**
     * Decodes the point from {@code words}, whose first register is at {@code words[at]}.
     *
     * @throws IllegalArgumentException when {@code words} is too short
     */
    public static ModbusValue decode(String reading, RegisterPoint p, short[] words, int at) {
        if (at < 0 || at + p.words() > words.length) {
            throw new IllegalArgumentException(reading + " needs words " + at + ".." + (at + p.words() - 1)
                    + ", got " + words.length);
        }
        if (p.type() == RegisterType.FLOAT32) {
            float f = Float.intBitsToFloat((int) uint32(words, at));
            // a float carries its value as it is (the loader refuses a scale on it); widen via its
            // decimal text so 21.3f reads 21.3, not 21.299999237060547
            return Float.isFinite(f)
                    ? new ModbusValue(reading, Double.parseDouble(Float.toString(f)), p.unit(), Quality.GOOD)
                    : new ModbusValue(reading, 0, p.unit(), Quality.BAD);
        }
        long raw = raw(p.type(), words, at);
        Quality quality = p.type() == RegisterType.ENUM16 && !p.symbols().containsValue((int) raw)
                ? Quality.UNCERTAIN : Quality.GOOD;
        return new ModbusValue(reading, p.scaled(raw), p.unit(), quality);
    }

    /**
     * Encodes a value to write: the point must be writable and the value inside its range (or one
     * of its symbols' values for an enum).
     *
     * @throws IllegalArgumentException saying why the value cannot be written
     */
    public static short[] encodeCommand(RegisterPoint p, double value) {
        if (!p.writable()) {
            throw new IllegalArgumentException("point '" + p.name() + "' is not writable");
        }
        if (!Double.isFinite(value)) {
            throw new IllegalArgumentException("point '" + p.name() + "': " + value + " is not a finite number");
        }
        if (p.type() == RegisterType.ENUM16) {
            if (value != Math.rint(value) || !p.symbols().containsValue((int) value)) {
                throw new IllegalArgumentException("point '" + p.name() + "': " + value + " is none of " + p.symbols());
            }
        } else if (value < p.min().orElseThrow() || value > p.max().orElseThrow()) {
            throw new IllegalArgumentException("point '" + p.name() + "': " + value + " outside "
                    + p.min().get() + ".." + p.max().get() + " " + p.unit());
        }
        return encode(p, value);
    }

    /**
     * Encodes any value the type can hold, writable or not: what a simulator serves. Integers are
     * rounded to the nearest raw step.
     *
     * @throws IllegalArgumentException when the scaled value does not fit the type
     */
    public static short[] encode(RegisterPoint p, double value) {
        if (p.type() == RegisterType.FLOAT32) {
            return words32(Float.floatToIntBits((float) value) & 0xFFFFFFFFL);
        }
        long raw = Math.round(value / p.scale());
        if (raw < p.type().minRaw() || raw > p.type().maxRaw()) {
            throw new IllegalArgumentException("point '" + p.name() + "': " + value + " does not fit a "
                    + p.type().yamlName() + " scaled by " + p.scale());
        }
        return p.type().words() == 1 ? new short[] {(short) raw} : words32(raw & 0xFFFFFFFFL);
    }

    private static long raw(RegisterType type, short[] words, int at) {
        return switch (type) {
            case INT16 -> words[at];
            case UINT16, ENUM16 -> words[at] & 0xFFFFL;
            case INT32 -> (int) uint32(words, at);
            case UINT32 -> uint32(words, at);
            case FLOAT32 -> throw new IllegalArgumentException("a float has no integer value");
        };
    }

    private static long uint32(short[] words, int at) {
        return ((words[at] & 0xFFFFL) << 16) | (words[at + 1] & 0xFFFFL);
    }

    private static short[] words32(long bits) {
        return new short[] {(short) (bits >>> 16), (short) bits};
    }
}
