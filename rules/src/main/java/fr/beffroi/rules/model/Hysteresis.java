package fr.beffroi.rules.model;

import java.util.Objects;

/**
 * A two-threshold switch on one input, so that noise around a single threshold does not make a
 * rule flap. The switch turns on when the input crosses {@code onThreshold} and off only when it
 * crosses back past {@code offThreshold}; between the two it keeps its state.
 *
 * @param input        the input's name
 * @param onWhenBelow  true for {@code on_below/off_above} (e.g. a falling water table), false for
 *                     {@code on_above/off_below} (e.g. a rising temperature)
 * @param onThreshold  {@code on_below} or {@code on_above}
 * @param offThreshold {@code off_above} or {@code off_below}
 */
public record Hysteresis(String input, boolean onWhenBelow, double onThreshold, double offThreshold) {
    public Hysteresis {
        Objects.requireNonNull(input, "input");
        if (onWhenBelow ? !(onThreshold < offThreshold) : !(onThreshold > offThreshold)) {
            throw new IllegalArgumentException("hysteresis on " + input + ": the band is empty or inverted");
        }
    }

    /** The next state of the switch given its current state and a new value of the input. */
    public boolean next(boolean on, double value) {
        if (onWhenBelow) {
            return on ? !(value > offThreshold) : value < onThreshold;
        }
        return on ? !(value < offThreshold) : value > onThreshold;
    }
}
