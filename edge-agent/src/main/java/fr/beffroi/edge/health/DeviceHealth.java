package fr.beffroi.edge.health;

import fr.beffroi.edge.driver.DeviceException;

import java.time.Instant;
import java.util.Objects;

/**
 * One device's health, as data: the scheduler publishes a new value after each poll.
 *
 * @param deviceId            the device
 * @param status              ONLINE, OFFLINE or UNKNOWN (not polled yet)
 * @param reason              why it is OFFLINE; null otherwise
 * @param kind                whose fault (from the driver's {@link DeviceException}); null unless OFFLINE
 * @param lastSuccess         the last successful poll; null if none since start
 * @param consecutiveFailures failed polls since the last success
 * @param nextPoll            when the scheduler polls it next; null once stopped
 */
public record DeviceHealth(String deviceId, DeviceStatus status, String reason, DeviceException.Kind kind,
                           Instant lastSuccess, int consecutiveFailures, Instant nextPoll) {
    public DeviceHealth {
        Objects.requireNonNull(deviceId, "deviceId");
        Objects.requireNonNull(status, "status");
    }

    public static DeviceHealth unknown(String deviceId) {
        return new DeviceHealth(deviceId, DeviceStatus.UNKNOWN, null, null, null, 0, null);
    }

    public DeviceHealth online(Instant at, Instant next) {
        return new DeviceHealth(deviceId, DeviceStatus.ONLINE, null, null, at, 0, next);
    }

    public DeviceHealth offline(String why, DeviceException.Kind whose, Instant next) {
        return new DeviceHealth(deviceId, DeviceStatus.OFFLINE, why, whose, lastSuccess, consecutiveFailures + 1, next);
    }
}
