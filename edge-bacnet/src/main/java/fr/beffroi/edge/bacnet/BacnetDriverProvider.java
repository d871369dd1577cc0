package fr.beffroi.edge.bacnet;

import fr.beffroi.edge.driver.DeviceDriver;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Builds the {@code bms-bacnet-ip} driver from a device's config keys, for an agent that finds this
 * module on its class path by name and does not link it (the agent stays Apache-2.0-compatible):
 * {@code Class.forName("fr.beffroi.edge.bacnet.BacnetDriverProvider").getMethod("create",
 * String.class, Map.class, Duration.class, Clock.class)}. Every key is text, as a config file
 * gives it; unknown keys are refused, and every problem is reported at once.
 */
public final class BacnetDriverProvider {

    /** The driver name the agent's config uses for this driver. */
    public static final String DRIVER_NAME = "bms-bacnet-ip";
    /** The standard BACnet/IP UDP port, 0xBAC0. */
    public static final int BACNET_PORT = 47808;

    /** The keys, each with what it means and its default ({@code required} when it has none). */
    public static final Map<String, String> KEYS = keys();

    private BacnetDriverProvider() {
    }

    private static Map<String, String> keys() {
        Map<String, String> k = new LinkedHashMap<>();
        k.put("remoteHost", "the controller's IP address (required)");
        k.put("remoteInstance", "the controller's BACnet device instance, 0..4194302 (required)");
        k.put("remotePort", "the controller's UDP port (default 47808)");
        k.put("localBind", "the gateway address its BACnet device binds to (default 0.0.0.0)");
        k.put("localPort", "the gateway's BACnet UDP port (default 47808; another one per extra BACnet driver on "
                + "one gateway)");
        k.put("localInstance", "the gateway's own BACnet device instance (default 4194302; distinct per gateway on "
                + "one BACnet network)");
        k.put("zones", "1..8: use the reference point map for that many zones (BacnetPoint.buildingMap); "
                + "exactly one of zones and points");
        k.put("points", "an explicit point map, 'signal=TYPE:instance' separated by commas, e.g. "
                + "'zone1_temperature=AI:1, zone1_setpoint=AV:1'; exactly one of zones and points");
        return Map.copyOf(k);
    }

    /**
     * @param deviceId the device id from the gateway config
     * @param settings the device's BACnet keys, see {@link #KEYS}
     * @param timeout  longest wait for one answer (the device's {@code timeout})
     * @throws IllegalArgumentException naming every bad, missing or unknown key
     */
    public static BacnetBmsDriver create(String deviceId, Map<String, String> settings, Duration timeout, Clock clock) {
        List<String> problems = new ArrayList<>();
        Set<String> unknown = new TreeSet<>(settings.keySet());
        unknown.removeAll(KEYS.keySet());
        unknown.forEach(k -> problems.add("unknown key '" + k + "' (known: " + new TreeSet<>(KEYS.keySet()) + ")"));

        String remoteHost = text(settings, "remoteHost", null, problems);
        int remoteInstance = integer(settings, "remoteInstance", null, problems);
        int remotePort = integer(settings, "remotePort", BACNET_PORT, problems);
        String localBind = text(settings, "localBind", "0.0.0.0", problems);
        int localPort = integer(settings, "localPort", BACNET_PORT, problems);
        int localInstance = integer(settings, "localInstance", BacnetBmsDriver.DEFAULT_LOCAL_INSTANCE, problems);

        List<BacnetPoint> map = List.of();
        boolean hasZones = settings.containsKey("zones");
        boolean hasPoints = settings.containsKey("points");
        if (hasZones == hasPoints) {
            problems.add("give exactly one of 'zones' and 'points'");
        } else if (hasZones) {
            int zones = integer(settings, "zones", null, problems);
            if (zones < 1 || zones > 8) {
                problems.add("zones: must be in 1..8, got " + settings.get("zones"));
            } else {
                map = BacnetPoint.buildingMap(zones);
            }
        } else {
            map = parsePoints(settings.get("points"), problems);
        }
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException("device " + deviceId + " (" + DRIVER_NAME + "): "
                    + String.join("; ", problems));
        }
        return new BacnetBmsDriver(deviceId, localBind, localPort, localInstance, remoteHost, remotePort,
                remoteInstance, map, timeout, clock);
    }

    /** The DeviceDriver form, for a caller that knows only the agent's seam. */
    public static DeviceDriver createDriver(String deviceId, Map<String, String> settings, Duration timeout,
                                            Clock clock) {
        return create(deviceId, settings, timeout, clock);
    }

    /** {@code zone1_temperature=AI:1, zone1_setpoint=AV:1}: every bad entry is reported. */
    static List<BacnetPoint> parsePoints(String text, List<String> problems) {
        List<BacnetPoint> points = new ArrayList<>();
        if (text == null || text.isBlank()) {
            problems.add("points: empty");
            return points;
        }
        for (String entry : text.split(",")) {
            String e = entry.strip();
            int eq = e.indexOf('=');
            int colon = e.indexOf(':', Math.max(eq, 0));
            if (eq <= 0 || colon < 0) {
                problems.add("points: '" + e + "' is not signal=TYPE:instance");
                continue;
            }
            try {
                points.add(new BacnetPoint(e.substring(0, eq).strip(),
                        BacnetObjectType.parse(e.substring(eq + 1, colon).strip()),
                        Integer.parseInt(e.substring(colon + 1).strip())));
            } catch (IllegalArgumentException ex) {
                problems.add("points: '" + e + "': " + ex.getMessage());
            }
        }
        return points;
    }

    private static String text(Map<String, String> s, String key, String dflt, List<String> problems) {
        String v = s.get(key);
        if (v == null || v.isBlank()) {
            if (dflt == null) {
                problems.add(key + ": required");
            }
            return dflt;
        }
        return v.strip();
    }

    private static int integer(Map<String, String> s, String key, Integer dflt, List<String> problems) {
        String v = s.get(key);
        if (v == null || v.isBlank()) {
            if (dflt == null) {
                problems.add(key + ": required");
                return -1;
            }
            return dflt;
        }
        try {
            return Integer.parseInt(v.strip());
        } catch (NumberFormatException e) {
            problems.add(key + ": '" + v + "' is not a whole number");
            return -1;
        }
    }
}
