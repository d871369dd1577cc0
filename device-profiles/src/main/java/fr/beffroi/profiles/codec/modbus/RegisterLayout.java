package fr.beffroi.profiles.codec.modbus;

import fr.beffroi.profiles.model.DeviceProfile;
import fr.beffroi.profiles.model.RegisterBlock;
import fr.beffroi.profiles.model.RegisterPoint;
import fr.beffroi.profiles.model.RegisterTable;
import fr.beffroi.profiles.wire.Quality;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.ToDoubleFunction;

/**
 * A plain Modbus profile laid out on one device: every point at its address, with the repeated
 * blocks expanded to the number of instances the device has. Plans the reads (fewest requests of
 * at most 125 registers) and decodes what they return. No transport: callers read the spans.
 *
 * <p>Discovery is two steps: {@link #once(DeviceProfile)} holds the blocks that appear once
 * (among them the points that count the instances); {@link #instances(DeviceProfile, List)} reads
 * those counts from their values; {@link #of(DeviceProfile, Map)} lays out everything.
 */
public final class RegisterLayout {

    /** Modbus limits a read (holding or input) registers request to 125 registers. */
    public static final int MAX_READ_WORDS = 125;

    private final List<AddressedPoint> points;
    private final Map<String, AddressedPoint> byReading;

    private RegisterLayout(List<AddressedPoint> points) {
        this.points = points.stream()
                .sorted(Comparator.comparing(AddressedPoint::table).thenComparingInt(AddressedPoint::address)).toList();
        Map<String, AddressedPoint> map = new LinkedHashMap<>();
        points.forEach(p -> map.put(p.reading(), p));
        this.byReading = map;
    }

    /** The blocks that appear once. */
    public static RegisterLayout once(DeviceProfile profile) {
        return of(profile, Map.of(), true);
    }

    /**
     * Every block, each repeated block with the number of instances given for its name.
     *
     * @throws IllegalArgumentException when a repeated block has no count or one outside 0..max
     */
    public static RegisterLayout of(DeviceProfile profile, Map<String, Integer> instances) {
        return of(profile, instances, false);
    }

    private static RegisterLayout of(DeviceProfile profile, Map<String, Integer> instances, boolean onceOnly) {
        if (profile.registers().isEmpty()) {
            throw new IllegalArgumentException("profile " + profile.id() + " has no plain Modbus registers");
        }
        List<AddressedPoint> placed = new ArrayList<>();
        for (RegisterBlock block : profile.registers()) {
            if (block.repeat().isEmpty()) {
                for (RegisterPoint p : block.points()) {
                    placed.add(new AddressedPoint(p.name(), block.table(), block.start() + p.offset(), p));
                }
                continue;
            }
            if (onceOnly) {
                continue;
            }
            RegisterBlock.Repeat repeat = block.repeat().get();
            Integer n = instances.get(block.name());
            if (n == null || n < 0 || n > repeat.max()) {
                throw new IllegalArgumentException("block '" + block.name() + "' of profile " + profile.id()
                        + " needs 0.." + repeat.max() + " instances, got " + n);
            }
            for (int i = 1; i <= n; i++) {
                int base = block.start() + (i - 1) * repeat.stride();
                for (RegisterPoint p : block.points()) {
                    placed.add(new AddressedPoint(block.name() + i + "." + p.name(), block.table(), base + p.offset(), p));
                }
            }
        }
        return new RegisterLayout(placed);
    }

    /**
     * The instance count of every repeated block, read from the values of {@link #once} points.
     *
     * @throws IllegalArgumentException naming the point when a count is missing, not GOOD, or
     *                                  outside 0..max: the device does not match the profile
     */
    public static Map<String, Integer> instances(DeviceProfile profile, List<ModbusValue> onceValues) {
        Map<String, Integer> counts = new LinkedHashMap<>();
        for (RegisterBlock block : profile.registers()) {
            if (block.repeat().isEmpty()) {
                continue;
            }
            RegisterBlock.Repeat repeat = block.repeat().get();
            ModbusValue count = onceValues.stream().filter(v -> v.point().equals(repeat.count())).findFirst()
                    .orElseThrow(() -> new IllegalArgumentException("no value for '" + repeat.count() + "'"));
            double n = count.value();
            if (count.quality() != Quality.GOOD || n < 0 || n > repeat.max()) {
                throw new IllegalArgumentException("'" + repeat.count() + "' = " + n + " (" + count.quality()
                        + "): block '" + block.name() + "' has room for 0.." + repeat.max());
            }
            counts.put(block.name(), (int) n);
        }
        return counts;
    }

    /** Every point, by table (holding, then input) and address. */
    public List<AddressedPoint> points() {
        return points;
    }

    public Optional<AddressedPoint> point(String reading) {
        return Optional.ofNullable(byReading.get(reading));
    }

    /**
     * The fewest reads of at most {@value #MAX_READ_WORDS} registers that cover every point,
     * reading across gaps of at most {@code maxGap} unused registers (a device may refuse
     * addresses its map does not define; a gap costs bytes but saves a round trip). A read never
     * spans two tables.
     */
    public List<ReadSpan> spans(int maxGap) {
        List<ReadSpan> spans = new ArrayList<>();
        RegisterTable table = null;
        int start = -1;
        int end = -1;
        for (AddressedPoint p : points) {
            if (start >= 0 && p.table() == table && p.address() - end <= maxGap
                    && p.end() - start <= MAX_READ_WORDS) {
                end = Math.max(end, p.end());
                continue;
            }
            if (start >= 0) {
                spans.add(new ReadSpan(table, start, end - start));
            }
            table = p.table();
            start = p.address();
            end = p.end();
        }
        if (start >= 0) {
            spans.add(new ReadSpan(table, start, end - start));
        }
        return spans;
    }

    /** One past the last register of the points in {@code table}; 0 when it has none. */
    public int end(RegisterTable table) {
        return points.stream().filter(p -> p.table() == table).mapToInt(AddressedPoint::end).max().orElse(0);
    }

    /**
     * The register image of {@code table} that a simulator serves: addresses 0 .. size − 1, one
     * unsigned word each, every point of that table encoded from {@code values}, registers between
     * points 0.
     *
     * @throws IllegalArgumentException when a point lies past {@code size} or its value does not fit
     *                                  its type ({@link RegisterCodec#encode})
     */
    public int[] image(RegisterTable table, int size, ToDoubleFunction<AddressedPoint> values) {
        if (size < end(table)) {
            throw new IllegalArgumentException(table.yamlName() + " image of " + size + " registers, points up to "
                    + end(table));
        }
        int[] words = new int[size];
        for (AddressedPoint p : points) {
            if (p.table() != table) {
                continue;
            }
            short[] w = RegisterCodec.encode(p.spec(), values.applyAsDouble(p));
            for (int i = 0; i < w.length; i++) {
                words[p.address() + i] = w[i] & 0xFFFF;
            }
        }
        return words;
    }

    /**
     * Decodes every point from the words read for {@code spans} (same order, same sizes).
     *
     * @throws IllegalArgumentException when the words do not match the spans or miss a point
     */
    public List<ModbusValue> decode(List<ReadSpan> spans, List<short[]> words) {
        if (spans.size() != words.size()) {
            throw new IllegalArgumentException(spans.size() + " spans but " + words.size() + " word arrays");
        }
        List<ModbusValue> values = new ArrayList<>(points.size());
        for (AddressedPoint p : points) {
            int s = 0;
            while (s < spans.size() && !spans.get(s).covers(p)) {
                s++;
            }
            if (s == spans.size()) {
                throw new IllegalArgumentException("no span covers " + p.reading() + " at " + p.table().yamlName()
                        + " " + p.address());
            }
            short[] w = words.get(s);
            if (w.length != spans.get(s).count()) {
                throw new IllegalArgumentException("span at " + spans.get(s).address() + " wants "
                        + spans.get(s).count() + " words, got " + w.length);
            }
            values.add(RegisterCodec.decode(p.reading(), p.spec(), w, p.address() - spans.get(s).address()));
        }
        return values;
    }
}
