package fr.beffroi.profiles.codec.registers;

import fr.beffroi.profiles.model.DataType;
import fr.beffroi.profiles.model.ModelSpec;
import fr.beffroi.profiles.model.PointSpec;
import fr.beffroi.profiles.wire.Quality;

import java.util.ArrayList;
import java.util.List;

/**
 * Turns the words of a register-map model's {@link RegisterSpan} into values, driven by the
 * profile: value = raw × {@code scale} (1 when absent), high word first for 32- and 64-bit types.
 * Unlike SunSpec, a plain map has no reserved "not implemented" values; strings are skipped (they
 * are no readings).
 */
public final class RegisterMapDecoder {

    /**
     * @param words the span's registers, {@code words[0]} at {@code span.address()}
     * @throws IllegalArgumentException when fewer words than the span came
     */
    public List<RegisterValue> decode(ModelSpec model, RegisterSpan span, short[] words) {
        if (words.length < span.quantity()) {
            throw new IllegalArgumentException("model '" + model.name() + "' needs " + span.quantity()
                    + " registers from " + span.address() + ", got " + words.length);
        }
        List<RegisterValue> out = new ArrayList<>();
        for (PointSpec p : model.points()) {
            if (!p.type().isMeasurement()) {
                continue;
            }
            int at = p.offset() - span.address();
            String unit = p.unit().orElseThrow();
            if (p.type().isFloat()) {
                double v = floatValue(words, at, p.type()) * p.scale().orElse(1.0);
                out.add(Double.isFinite(v)
                        ? new RegisterValue(p.name(), v, unit, Quality.GOOD)
                        : new RegisterValue(p.name(), 0, unit, Quality.BAD));
                continue;
            }
            long raw = raw(words, at, p.type());
            double value = p.scale().map(s -> raw * s).orElse((double) raw);
            Quality quality = p.type().isEnum() && !p.symbols().isEmpty() && !p.symbols().containsValue((int) raw)
                    ? Quality.UNCERTAIN : Quality.GOOD;
            out.add(new RegisterValue(p.name(), value, unit, quality));
        }
        return out;
    }

    static long raw(short[] w, int at, DataType type) {
        return switch (type) {
            case INT16, SUNSSF -> w[at];
            case UINT16, ACC16, ENUM16, BITFIELD16 -> w[at] & 0xFFFFL;
            case INT32 -> (w[at] << 16) | (w[at + 1] & 0xFFFF);
            case UINT32, ACC32, ENUM32, BITFIELD32 -> ((w[at] & 0xFFFFL) << 16) | (w[at + 1] & 0xFFFFL);
            case STRING, FLOAT32, FLOAT64 -> throw new IllegalArgumentException(type.yamlName() + " has no integer value");
        };
    }

    static double floatValue(short[] w, int at, DataType type) {
        long bits = 0;
        for (int i = 0; i < type.words(); i++) {
            bits = (bits << 16) | (w[at + i] & 0xFFFFL);
        }
        return type == DataType.FLOAT32 ? Float.intBitsToFloat((int) bits) : Double.longBitsToDouble(bits);
    }
}
