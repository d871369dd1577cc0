package fr.beffroi.profiles.codec.sunspec;

import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * The models a device announced, in chain order.
 *
 * @param base   protocol address of the "SunS" marker (40000, 0 or 50000)
 * @param blocks the model blocks, common model first
 */
public record SunSpecModelMap(int base, List<ModelBlock> blocks) {
    public SunSpecModelMap {
        blocks = List.copyOf(blocks);
    }

    /** The first block whose ID is one of {@code ids}, trying the IDs in the given order. */
    public Optional<ModelBlock> find(Collection<Integer> ids) {
        for (int id : ids) {
            for (ModelBlock b : blocks) {
                if (b.id() == id) {
                    return Optional.of(b);
                }
            }
        }
        return Optional.empty();
    }
}
