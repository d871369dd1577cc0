package fr.beffroi.rules.model;

import java.time.Duration;
import java.util.Objects;

/**
 * A named value a condition sees, typed double.
 *
 * @param name      the CEL variable name
 * @param device    device id within the tenant
 * @param point     point name of that device
 * @param aggregate {@link Aggregate#LATEST} or a windowed aggregate
 * @param window    the window of a windowed aggregate; {@link Duration#ZERO} for LATEST
 */
public record InputSpec(String name, String device, String point, Aggregate aggregate, Duration window) {
    public InputSpec {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(device, "device");
        Objects.requireNonNull(point, "point");
        Objects.requireNonNull(aggregate, "aggregate");
        Objects.requireNonNull(window, "window");
        if ((aggregate == Aggregate.LATEST) != window.isZero()) {
            throw new IllegalArgumentException(name + ": a window goes with a windowed aggregate only");
        }
    }

    public static InputSpec latest(String name, String device, String point) {
        return new InputSpec(name, device, point, Aggregate.LATEST, Duration.ZERO);
    }

    public boolean windowed() {
        return aggregate != Aggregate.LATEST;
    }
}
