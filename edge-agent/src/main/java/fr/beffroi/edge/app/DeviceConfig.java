package fr.beffroi.edge.app;

import java.time.Duration;
import java.util.Objects;

/**
 * One device the gateway polls.
 *
 * @param id           device id, unique within the gateway; every reading carries it
 * @param driver       driver name, see {@link DriverFactory}
 * @param host         device address
 * @param port         device TCP port
 * @param unitId       Modbus unit identifier
 * @param pollInterval time between two polls while the device answers
 * @param timeout      longest wait for one answer
 */
public record DeviceConfig(String id, String driver, String host, int port, int unitId, Duration pollInterval,
                           Duration timeout) {
    public DeviceConfig {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(driver, "driver");
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(pollInterval, "pollInterval");
        Objects.requireNonNull(timeout, "timeout");
    }
}
