package fr.beffroi.ingest.access;

import fr.beffroi.ingest.app.IngestConfig;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The {@code rooms:} config as lookups: the doors of a room, the rooms of a tenant's doors. */
public final class RoomDoors {
    private final Map<String, List<String>> doorsByRoom = new LinkedHashMap<>();
    private final Map<String, String> roomByDoor = new LinkedHashMap<>();

    public RoomDoors(List<IngestConfig.RoomEntry> rooms) {
        for (IngestConfig.RoomEntry r : rooms) {
            doorsByRoom.put(key(r.tenant(), r.room()), List.copyOf(r.doors()));
            for (String d : r.doors()) roomByDoor.put(key(r.tenant(), d), r.room());
        }
    }

    public boolean isEmpty() {
        return doorsByRoom.isEmpty();
    }

    public List<String> doors(String tenant, String room) {
        return doorsByRoom.getOrDefault(key(tenant, room), List.of());
    }

    /** Every door of a tenant. */
    public List<String> doors(String tenant) {
        List<String> out = new ArrayList<>();
        roomByDoor.forEach((k, room) -> {
            if (k.startsWith(tenant + "/")) out.add(k.substring(tenant.length() + 1));
        });
        return out;
    }

    /** The room a door opens, or null. */
    public String room(String tenant, String door) {
        return roomByDoor.get(key(tenant, door));
    }

    /** Tenants that have at least one room with doors. */
    public Set<String> tenants() {
        Set<String> out = new HashSet<>();
        doorsByRoom.keySet().forEach(k -> out.add(k.substring(0, k.indexOf('/'))));
        return out;
    }

    private static String key(String tenant, String id) {
        return tenant + "/" + id;
    }
}
