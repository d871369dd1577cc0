package fr.beffroi.profiles.model;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One model (a SunSpec model block or a set of SenML records) and its points.
 *
 * @param name   short name for people and logs ({@code common}, {@code inverter})
 * @param ids    the model IDs that share this layout, in order of preference (e.g. 103, 102, 101);
 *               a device block matches when its ID is one of them
 * @param length the body length (SunSpec's {@code L}, not counting ID and L) the points need; a
 *               device may announce a longer block (model 1 has L = 65 on old devices, 66 now)
 * @param poll   {@code true} when the block is read at every poll; {@code false} for identity
 *               models read once per connection
 * @param points the points, in register order
 * @param layout how the points are found; only {@link Layout#SUNSPEC} models have {@code ids} and
 *               a {@code length} (empty and 0 otherwise)
 */
public record ModelSpec(String name, List<Integer> ids, int length, boolean poll, List<PointSpec> points,
                        Layout layout) {
    public ModelSpec {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(layout, "layout");
        ids = List.copyOf(ids);
        points = List.copyOf(points);
    }

    /** A SunSpec model. */
    public ModelSpec(String name, List<Integer> ids, int length, boolean poll, List<PointSpec> points) {
        this(name, ids, length, poll, points, Layout.SUNSPEC);
    }

    public boolean matches(int modelId) {
        return ids.contains(modelId);
    }

    public Optional<PointSpec> point(String pointName) {
        return points.stream().filter(p -> p.name().equals(pointName)).findFirst();
    }
}
