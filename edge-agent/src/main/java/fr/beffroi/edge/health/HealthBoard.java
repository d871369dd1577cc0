package fr.beffroi.edge.health;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** The latest {@link DeviceHealth} of every device, readable from any thread (status pages, tests). */
public final class HealthBoard {
    private final Map<String, DeviceHealth> devices = new ConcurrentHashMap<>();

    public void update(DeviceHealth health) {
        devices.put(health.deviceId(), health);
    }

    public Optional<DeviceHealth> get(String deviceId) {
        return Optional.ofNullable(devices.get(deviceId));
    }

    /** Every device, sorted by id. */
    public List<DeviceHealth> snapshot() {
        return devices.values().stream().sorted(Comparator.comparing(DeviceHealth::deviceId)).toList();
    }
}
