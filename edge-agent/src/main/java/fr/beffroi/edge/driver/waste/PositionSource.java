package fr.beffroi.edge.driver.waste;

import java.util.Optional;

/**
 * Where the truck is, for the bin-lift driver: the GPS driver's latest fix. A seam so that the lift
 * driver does not depend on how the position is read (tests give a fixed one).
 */
@FunctionalInterface
public interface PositionSource {

    /** The latest valid fix, or empty when the receiver has none (never had, or said it lost it). */
    Optional<Fix> latest();

    /** No receiver: every lift says {@code fix: NONE}. */
    static PositionSource none() {
        return Optional::empty;
    }
}
