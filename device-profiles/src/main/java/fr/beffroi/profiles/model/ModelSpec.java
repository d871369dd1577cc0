package fr.beffroi.profiles.model;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One model (a SunSpec model block or a set of SenML records) and its points.
 *
 * @param name     short name for people and logs ({@code common}, {@code inverter})
 * @param ids      the model IDs that share this layout, in order of preference (e.g. 103, 102, 101);
 *                 a device block matches when its ID is one of them
 * @param length   the body length (SunSpec's {@code L}, not counting ID and L) the points need; a
 *                 device may announce a longer block (model 1 has L = 65 on old devices, 66 now;
 *                 a model with a repeating group announces its fixed part plus N × stride)
 * @param poll     {@code true} when the block is read at every poll; {@code false} for identity
 *                 models read once per connection
 * @param optional {@code true} when a device may lack the model (an extension such as model 160):
 *                 the driver then reads what it has instead of refusing the device
 * @param points   the points of the fixed part, in register order
 * @param group    the repeating group that follows the fixed part, if the model has one
 * @param layout   how the points are found; only {@link Layout#SUNSPEC} models have {@code ids}, a
 *                 {@code length} and a group (empty and 0 otherwise)
 */
public record ModelSpec(String name, List<Integer> ids, int length, boolean poll, boolean optional,
                        List<PointSpec> points, Optional<Group> group, Layout layout) {
    public ModelSpec {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(layout, "layout");
        Objects.requireNonNull(group, "group");
        ids = List.copyOf(ids);
        points = List.copyOf(points);
    }

    /** A model without a repeating group that every device must have. */
    public ModelSpec(String name, List<Integer> ids, int length, boolean poll, List<PointSpec> points, Layout layout) {
        this(name, ids, length, poll, false, points, Optional.empty(), layout);
    }

    /** A SunSpec model without a repeating group that every device must have. */
    public ModelSpec(String name, List<Integer> ids, int length, boolean poll, List<PointSpec> points) {
        this(name, ids, length, poll, points, Layout.SUNSPEC);
    }

    /**
     * SunSpec's repeating group (model 160's MPPT modules, model 403's strings): the same points
     * once per instance, the count read from a point of the fixed part. The same idea, and the same
     * {@link RegisterBlock.Repeat}, as a plain map's repeated block, with offsets counted SunSpec's way.
     *
     * @param name   prefixes the readings of instance n (1-based): {@code mppt2.DCW}
     * @param offset offset of the first instance from the model's ID register (at or past the end
     *               of the fixed part)
     * @param repeat {@code count} names a point of the fixed part read at every poll (SunSpec's
     *               {@code N}); instance n starts at {@code offset + (n − 1) × stride}; {@code max}
     *               is the most instances the profile accepts
     * @param points the points of one instance, offsets from the instance's first register;
     *               a {@code scaleFactor} names a point of the fixed part (shared by every instance)
     */
    public record Group(String name, int offset, RegisterBlock.Repeat repeat, List<PointSpec> points) {
        public Group {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(repeat, "repeat");
            points = List.copyOf(points);
        }

        /** The reading name of a point of instance {@code n} (1-based). */
        public String pointName(int n, String point) {
            return name + n + "." + point;
        }
    }

    public boolean matches(int modelId) {
        return ids.contains(modelId);
    }

    public Optional<PointSpec> point(String pointName) {
        return points.stream().filter(p -> p.name().equals(pointName)).findFirst();
    }
}
