package fr.beffroi.edge.poll;

import fr.beffroi.edge.driver.DeviceDriver;

import java.time.Duration;
import java.util.Objects;

/** A driver and how often to poll it. */
public record PolledDevice(DeviceDriver driver, Duration interval) {
    public PolledDevice {
        Objects.requireNonNull(driver, "driver");
        if (interval.isNegative() || interval.isZero()) throw new IllegalArgumentException("interval must be > 0");
    }
}
