package fr.beffroi.profiles.load;

import fr.beffroi.profiles.model.RegisterBlock;
import fr.beffroi.profiles.model.RegisterPoint;
import fr.beffroi.profiles.model.RegisterType;
import fr.beffroi.profiles.unit.UcumUnits;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Second pass for a plain Modbus map ({@code registers:}): names, units, points inside their block
 * and not overlapping, blocks of one table not overlapping each other at their largest repeat, repeat
 * counts that name a readable integer, and writable points, in holding registers only, bounded by a
 * range the register type can hold.
 */
final class RegisterSemantics {

    /** Reading names are built as {@code <block><n>.<point>}: keep names to identifier characters. */
    private static final Pattern NAME = Pattern.compile("[A-Za-z][A-Za-z0-9_]*");
    /** Modbus protocol addresses are 0..65535. */
    private static final int ADDRESS_SPACE = 0x10000;

    private RegisterSemantics() {
    }

    static void check(String file, List<RegisterBlock> blocks, List<String> errors) {
        Map<String, String> pointOwner = new HashMap<>();
        Map<String, RegisterBlock> blockNames = new HashMap<>();
        for (int b = 0; b < blocks.size(); b++) {
            RegisterBlock block = blocks.get(b);
            String bp = file + ": registers[" + b + "]";
            if (!NAME.matcher(block.name()).matches()) {
                errors.add(bp + ".name: '" + block.name() + "' must be letters, digits and underscores, starting with a letter");
            }
            if (blockNames.putIfAbsent(block.name(), block) != null) {
                errors.add(bp + ".name: duplicate block name '" + block.name() + "'");
            }
            if (block.start() < 0 || block.start() >= ADDRESS_SPACE) {
                errors.add(bp + ".start: " + block.start() + " outside 0.." + (ADDRESS_SPACE - 1));
            }
            if (block.points().isEmpty()) {
                errors.add(bp + ".points: at least one point is needed");
            }
            block.repeat().ifPresent(r -> checkRepeat(bp, block, r, blocks, errors));
            checkPoints(bp, block, pointOwner, errors);
        }
        checkBlockOverlaps(file, blocks, errors);
    }

    private static void checkRepeat(String bp, RegisterBlock block, RegisterBlock.Repeat r, List<RegisterBlock> blocks,
                                    List<String> errors) {
        if (r.stride() < 1) {
            errors.add(bp + ".repeat.stride: " + r.stride() + " must be 1 or more");
        }
        if (r.max() < 1) {
            errors.add(bp + ".repeat.max: " + r.max() + " must be 1 or more");
        }
        long end = (long) block.start() + (long) r.stride() * r.max();
        if (r.stride() >= 1 && r.max() >= 1 && end > ADDRESS_SPACE) {
            errors.add(bp + ".repeat.max: " + r.max() + " instances of " + r.stride() + " registers from " + block.start()
                    + " run past address " + (ADDRESS_SPACE - 1));
        }
        Optional<RegisterPoint> count = blocks.stream().filter(o -> o.repeat().isEmpty())
                .flatMap(o -> o.points().stream()).filter(p -> p.name().equals(r.count())).findFirst();
        if (count.isEmpty()) {
            errors.add(bp + ".repeat.count: no point '" + r.count() + "' in a block that appears once");
        } else if (!count.get().type().isInteger() || count.get().scale() != 1.0 || !count.get().symbols().isEmpty()) {
            errors.add(bp + ".repeat.count: point '" + r.count() + "' must be an unscaled integer");
        }
    }

    private static void checkPoints(String bp, RegisterBlock block, Map<String, String> pointOwner, List<String> errors) {
        int span = block.repeat().map(RegisterBlock.Repeat::stride).orElse(ADDRESS_SPACE);
        String[] owner = new String[Math.max(0, Math.min(span, ADDRESS_SPACE))];
        for (int p = 0; p < block.points().size(); p++) {
            RegisterPoint point = block.points().get(p);
            String pp = bp + ".points[" + p + "]";
            RegisterType type = point.type();
            if (!NAME.matcher(point.name()).matches()) {
                errors.add(pp + ".name: '" + point.name() + "' must be letters, digits and underscores, starting with a letter");
            }
            String previous = pointOwner.putIfAbsent(point.name(), block.name());
            if (previous != null) {
                errors.add(pp + ".name: duplicate point name '" + point.name() + "' (also in block '" + previous + "')");
            }
            if (!UcumUnits.isAllowed(point.unit())) {
                errors.add(pp + ".unit: unknown UCUM unit '" + point.unit() + "' (allowed: "
                        + String.join(", ", UcumUnits.allowed().stream().sorted().toList()) + ")");
            }
            if (!(point.scale() > 0) || Double.isInfinite(point.scale())) {
                errors.add(pp + ".scale: " + point.scale() + " must be a positive number");
            } else if (point.scale() != 1.0 && (type == RegisterType.ENUM16 || type == RegisterType.FLOAT32)) {
                errors.add(pp + ".scale: a " + type.yamlName() + " point is not scaled");
            }
            if (type == RegisterType.ENUM16 && point.symbols().isEmpty()) {
                errors.add(pp + ".symbols: an enum16 point needs its symbols");
            }
            if (type != RegisterType.ENUM16 && !point.symbols().isEmpty()) {
                errors.add(pp + ".symbols: only enum16 points take symbols");
            }
            point.symbols().forEach((symbol, raw) -> {
                if (raw < 0 || raw > 0xFFFF) {
                    errors.add(pp + ".symbols." + symbol + ": " + raw + " outside 0..65535");
                }
            });
            if (point.writable() && !block.table().isWritable()) {
                errors.add(pp + ".writable: block '" + block.name() + "' is in " + block.table().yamlName()
                        + " registers, which Modbus cannot write");
            }
            checkWritable(pp, point, errors);
            checkPlacement(pp, block, point, owner, errors);
        }
    }

    private static void checkWritable(String pp, RegisterPoint point, List<String> errors) {
        boolean bounded = point.min().isPresent() || point.max().isPresent();
        if (!point.writable()) {
            if (bounded) {
                errors.add(pp + ".min: only writable points take min and max (they bound commands)");
            }
            return;
        }
        if (point.type() == RegisterType.ENUM16) {
            if (bounded) {
                errors.add(pp + ".min: a writable enum16 is bounded by its symbols, not by min and max");
            }
            return;
        }
        if (point.min().isEmpty() || point.max().isEmpty()) {
            errors.add(pp + ".max: a writable " + point.type().yamlName() + " point needs min and max");
            return;
        }
        double min = point.min().get();
        double max = point.max().get();
        if (!(min < max)) {
            errors.add(pp + ".max: " + max + " must be above min " + min);
        }
        if (point.type().isInteger() && point.scale() > 0) {
            double lowest = point.scaled(point.type().minRaw());
            double highest = point.scaled(point.type().maxRaw());
            if (min < lowest || max > highest) {
                errors.add(pp + ".max: range " + min + ".." + max + " does not fit a " + point.type().yamlName()
                        + " scaled by " + point.scale() + " (" + lowest + ".." + highest + ")");
            }
        }
    }

    private static void checkPlacement(String pp, RegisterBlock block, RegisterPoint point, String[] owner,
                                       List<String> errors) {
        if (point.offset() < 0) {
            errors.add(pp + ".offset: " + point.offset() + " must be 0 or more");
            return;
        }
        int end = point.offset() + point.words();
        if (end > owner.length) {
            String what = block.repeat().isPresent() ? "the block's stride " + owner.length : "the address space";
            errors.add(pp + ".offset: " + point.name() + " spans offsets " + point.offset() + ".." + (end - 1)
                    + ", past " + what);
            return;
        }
        if (block.start() + end > ADDRESS_SPACE) {
            errors.add(pp + ".offset: " + point.name() + " runs past address " + (ADDRESS_SPACE - 1));
            return;
        }
        for (int r = point.offset(); r < end; r++) {
            if (owner[r] != null) {
                errors.add(pp + ".offset: " + point.name() + " overlaps '" + owner[r] + "' at offset " + r);
                return;
            }
            owner[r] = point.name();
        }
    }

    /**
     * Blocks of one table may not share registers, each taken at its largest extent (every repeat
     * present); holding and input registers are two address spaces.
     */
    private static void checkBlockOverlaps(String file, List<RegisterBlock> blocks, List<String> errors) {
        for (int b = 0; b < blocks.size(); b++) {
            for (int o = 0; o < b; o++) {
                if (blocks.get(b).table() != blocks.get(o).table()) {
                    continue;
                }
                long[] mine = extent(blocks.get(b));
                long[] theirs = extent(blocks.get(o));
                if (mine[0] < theirs[1] && theirs[0] < mine[1]) {
                    errors.add(file + ": registers[" + b + "].start: block '" + blocks.get(b).name() + "' (addresses "
                            + mine[0] + ".." + (mine[1] - 1) + ") overlaps block '" + blocks.get(o).name()
                            + "' (addresses " + theirs[0] + ".." + (theirs[1] - 1) + ")");
                }
            }
        }
    }

    private static long[] extent(RegisterBlock block) {
        long length = block.repeat().map(r -> (long) r.stride() * Math.max(r.max(), 0)).orElse((long) block.span());
        return new long[] {block.start(), block.start() + length};
    }
}
