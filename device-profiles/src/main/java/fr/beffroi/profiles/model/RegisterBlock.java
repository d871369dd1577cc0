package fr.beffroi.profiles.model;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A run of registers in a plain Modbus map, possibly repeated (one instance per zone, per
 * circuit ...).
 *
 * @param name   block name ({@code building}, {@code zone}); prefixes the readings of a repeated block
 * @param table  the register table it lives in (holding unless the profile says {@code table: input})
 * @param start  0-based Modbus protocol address of the block in its table (of its first instance
 *               when repeated)
 * @param repeat how the block repeats; empty for a block that appears once
 * @param points the points, in register order
 */
public record RegisterBlock(String name, RegisterTable table, int start, Optional<Repeat> repeat,
                            List<RegisterPoint> points) {
    public RegisterBlock {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(table, "table");
        Objects.requireNonNull(repeat, "repeat");
        points = List.copyOf(points);
    }

    /** A block of holding registers. */
    public RegisterBlock(String name, int start, Optional<Repeat> repeat, List<RegisterPoint> points) {
        this(name, RegisterTable.HOLDING, start, repeat, points);
    }

    /**
     * A repeated block: instance {@code n} (1-based) starts at {@code start + (n − 1) × stride}.
     *
     * @param count  name of a point in a block that appears once whose value is the number of
     *               instances the device has (read once per connection)
     * @param stride registers from one instance to the next
     * @param max    the most instances the map has room for
     */
    public record Repeat(String count, int stride, int max) {
        public Repeat {
            Objects.requireNonNull(count, "count");
        }
    }

    public Optional<RegisterPoint> point(String pointName) {
        return points.stream().filter(p -> p.name().equals(pointName)).findFirst();
    }

    /** Registers one instance spans: the stride when repeated, else up to the end of its last point. */
    public int span() {
        return repeat.map(Repeat::stride)
                .orElseGet(() -> points.stream().mapToInt(p -> p.offset() + p.words()).max().orElse(0));
    }
}
