package fr.beffroi.edge.app;

import java.time.Duration;
import java.util.Objects;

/**
 * One device the gateway polls.
 *
 * @param id           device id, unique within the gateway; every reading carries it
 * @param driver       driver name, see {@link DriverFactory}
 * @param address      where the device is reached, in the form its driver's transport takes
 * @param pollInterval time between two polls while the device answers
 * @param timeout      longest wait for one answer
 */
public record DeviceConfig(String id, String driver, DeviceAddress address, Duration pollInterval, Duration timeout) {
    public DeviceConfig {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(driver, "driver");
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(pollInterval, "pollInterval");
        Objects.requireNonNull(timeout, "timeout");
    }

    /** The address, when the driver is known to take that form (the loader made sure of it). */
    public <A extends DeviceAddress> A address(Class<A> form) {
        if (!form.isInstance(address)) {
            throw new IllegalArgumentException("device " + id + ": driver " + driver + " needs a "
                    + form.getSimpleName() + " address, has " + address);
        }
        return form.cast(address);
    }
}
