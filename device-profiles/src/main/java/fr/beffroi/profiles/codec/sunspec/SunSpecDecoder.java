package fr.beffroi.profiles.codec.sunspec;

import fr.beffroi.profiles.model.DataType;
import fr.beffroi.profiles.model.ModelSpec;
import fr.beffroi.profiles.model.PointSpec;
import fr.beffroi.profiles.wire.Quality;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Turns the words of one model block into values, driven by the profile: offsets, types and scale
 * factors all come from the {@link ModelSpec}; nothing here knows where a point sits.
 *
 * <p>A point the device marks "not implemented" (int16 0x8000, uint16 0xFFFF, acc32 0, ... or a
 * scale factor of -32768) is kept, with quality BAD and value 0: the cloud then sees that the
 * device lacks it, rather than a reading that silently never comes, and the value stays finite as
 * the wire contract requires. Scale factors themselves are not returned; they are folded in.
 *
 * <p>A model with a repeating group (model 160's MPPT modules) decodes its fixed part, then each
 * instance the count point announces, named {@code <group><n>.<point>} ({@code mppt2.DCW}) and
 * scaled by the fixed part's scale factors, which SunSpec shares across instances.
 */
public final class SunSpecDecoder {

    /** SunSpec scale factors live in -10..10; anything else is a broken device, as good as absent. */
    private static final int MAX_SF = 10;

    /**
     * Decodes a block.
     *
     * @param model the profile's model
     * @param block the block's words starting at its ID register (ID, L, body)
     * @throws IllegalArgumentException when the block is shorter than the profile's model length or
     *                                  its ID is not one the model matches
     */
    public List<DecodedPoint> decode(ModelSpec model, short[] block) {
        if (block.length < 2 || !model.matches(block[0] & 0xFFFF)) {
            throw new IllegalArgumentException("block is not one of models " + model.ids());
        }
        if (block.length < model.length() + 2) {
            throw new IllegalArgumentException("block has " + block.length + " words, model '" + model.name()
                    + "' needs " + (model.length() + 2));
        }
        List<DecodedPoint> out = new ArrayList<>();
        for (PointSpec p : model.points()) {
            decodePoint(model, block, p, p.name(), 0, out);
        }
        model.group().ifPresent(g -> decodeGroup(model, g, block, out));
        return out;
    }

    /**
     * Instances 1..N of a repeating group, N read from the fixed part. An N the device marks "not
     * implemented" means no instances. An N past the profile's {@code max}, or past what the block's
     * announced length holds, is a broken device: refused, never trimmed to what fits.
     */
    private void decodeGroup(ModelSpec model, ModelSpec.Group group, short[] block, List<DecodedPoint> out) {
        PointSpec countSpec = model.point(group.repeat().count()).orElseThrow();
        long count = raw(block, countSpec.offset(), countSpec.type());
        if (isNotImplemented(countSpec.type(), count)) {
            return;
        }
        if (count > group.repeat().max()) {
            throw new IllegalArgumentException("model '" + model.name() + "' announces " + count + " " + group.name()
                    + " instances (" + countSpec.name() + "), the profile accepts at most " + group.repeat().max());
        }
        long needed = group.offset() + count * group.repeat().stride();
        if (needed > block.length) {
            throw new IllegalArgumentException("model '" + model.name() + "' announces " + count + " " + group.name()
                    + " instances (" + countSpec.name() + "), which need " + needed + " words; the block has "
                    + block.length);
        }
        for (int n = 1; n <= count; n++) {
            int base = group.offset() + (n - 1) * group.repeat().stride();
            for (PointSpec p : group.points()) {
                decodePoint(model, block, p, group.pointName(n, p.name()), base, out);
            }
        }
    }

    /** One point whose offset counts from {@code base} (0 for the fixed part), reported as {@code name}. */
    private void decodePoint(ModelSpec model, short[] block, PointSpec p, String name, int base,
                             List<DecodedPoint> out) {
        switch (p.type()) {
            case SUNSSF -> { /* folded into the points that name it */ }
            case STRING -> out.add(new DecodedPoint(name, p.type(), 0, Optional.of(text(block, base + p.offset(),
                    p.size())), Optional.empty(), Quality.GOOD));
            default -> out.add(number(model, block, p, name, base + p.offset()));
        }
    }

    private DecodedPoint number(ModelSpec model, short[] block, PointSpec p, String name, int offset) {
        if (p.type().isFloat()) {
            double value = floatValue(block, offset, p.type());
            return Double.isFinite(value)
                    ? new DecodedPoint(name, p.type(), value, Optional.empty(), p.unit(), Quality.GOOD)
                    : bad(p, name);
        }
        long raw = raw(block, offset, p.type());
        if (isNotImplemented(p.type(), raw)) {
            return bad(p, name);
        }
        double value = raw;
        if (p.scaleFactor().isPresent()) {
            PointSpec sfSpec = model.point(p.scaleFactor().get()).orElseThrow();
            int sf = block[sfSpec.offset()];
            if (sf == Short.MIN_VALUE || Math.abs(sf) > MAX_SF) {
                return bad(p, name);
            }
            value = scale(raw, sf);
        }
        Quality quality = Quality.GOOD;
        if (p.type().isEnum() && !p.symbols().isEmpty() && !p.symbols().containsValue((int) raw)) {
            quality = Quality.UNCERTAIN;
        }
        return new DecodedPoint(name, p.type(), value, Optional.empty(), p.unit(), quality);
    }

    /**
     * raw × 10^sf, computed so that decimal results come out as the nearest double (12345 with
     * sf -2 gives exactly 123.45, not 123.45000000000002).
     */
    static double scale(long raw, int sf) {
        return sf >= 0 ? raw * Math.pow(10, sf) : raw / Math.pow(10, -sf);
    }

    private static DecodedPoint bad(PointSpec p, String name) {
        return new DecodedPoint(name, p.type(), 0, Optional.empty(), p.unit(), Quality.BAD);
    }

    /** The raw integer, signed or unsigned as the type says. */
    static long raw(short[] block, int offset, DataType type) {
        return switch (type) {
            case INT16, SUNSSF -> block[offset];
            case UINT16, ACC16, ENUM16, BITFIELD16 -> block[offset] & 0xFFFFL;
            case INT32 -> (block[offset] << 16) | (block[offset + 1] & 0xFFFF);
            case UINT32, ACC32, ENUM32, BITFIELD32 -> ((block[offset] & 0xFFFFL) << 16) | (block[offset + 1] & 0xFFFFL);
            case STRING -> throw new IllegalArgumentException("a string has no integer value");
            case FLOAT32, FLOAT64 -> throw new IllegalArgumentException("a float has no integer value");
        };
    }

    /** An IEEE 754 value, high word first; NaN (SunSpec's "not implemented") and infinities stay as they are. */
    static double floatValue(short[] block, int offset, DataType type) {
        long bits = 0;
        for (int i = 0; i < type.words(); i++) {
            bits = (bits << 16) | (block[offset + i] & 0xFFFFL);
        }
        return type == DataType.FLOAT32 ? Float.intBitsToFloat((int) bits) : Double.longBitsToDouble(bits);
    }

    /** SunSpec's reserved "not implemented" values. */
    static boolean isNotImplemented(DataType type, long raw) {
        return switch (type) {
            case INT16, SUNSSF -> raw == Short.MIN_VALUE;
            case UINT16, ENUM16, BITFIELD16 -> raw == 0xFFFFL;
            case ACC16, ACC32 -> raw == 0;
            case INT32 -> raw == Integer.MIN_VALUE;
            case UINT32, ENUM32, BITFIELD32 -> raw == 0xFFFFFFFFL;
            case STRING -> false;
            case FLOAT32, FLOAT64 -> false;
        };
    }

    /** Two ASCII characters per register, high byte first, up to the first NUL. */
    static String text(short[] block, int offset, int size) {
        byte[] bytes = new byte[size * 2];
        for (int i = 0; i < size; i++) {
            bytes[2 * i] = (byte) (block[offset + i] >> 8);
            bytes[2 * i + 1] = (byte) block[offset + i];
        }
        int end = 0;
        while (end < bytes.length && bytes[end] != 0) {
            end++;
        }
        return new String(bytes, 0, end, StandardCharsets.US_ASCII).trim();
    }
}
