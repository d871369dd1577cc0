package fr.beffroi.edge.bacnet;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Where a profile signal lives on the controller: one BACnet object, whose present-value is read.
 * The map differs from one controller's programme to the next, so it is configuration, not profile.
 *
 * @param signal   signal name in the {@code bms/bacnet-building} profile ({@code zone1_setpoint})
 * @param type     the object's type
 * @param instance the object's instance number, 0..4194302
 */
public record BacnetPoint(String signal, BacnetObjectType type, int instance) {

    /** The highest object instance; 4194303 is the "any instance" wildcard. */
    public static final int MAX_INSTANCE = 4_194_302;
    /** Instances of the building-wide objects in {@link #buildingMap}: after any zone's. */
    public static final int OUTDOOR_AI = 101;
    public static final int HEAT_POWER_AI = 102;
    public static final int SUPPLY_AI = 103;
    public static final int RETURN_AI = 104;
    public static final int HEAT_METER_ACC = 1;

    public BacnetPoint {
        Objects.requireNonNull(signal, "signal");
        Objects.requireNonNull(type, "type");
        if (instance < 0 || instance > MAX_INSTANCE) {
            throw new IllegalArgumentException(signal + ": BACnet instance must be in 0.." + MAX_INSTANCE + ", got "
                    + instance);
        }
    }

    /** The object as BACnet tools show it: {@code AV:3}. */
    public String object() {
        return type.code() + ":" + instance;
    }

    /**
     * The usual layout of our reference controller (and of the test simulator): zone n's room
     * temperature is AI n, its comfort setpoint AV n, its mode MSV n, its occupancy BI n; outdoor,
     * heat power, supply and return temperatures are AI 101..104; the heat meter is Accumulator 1.
     *
     * @param zones how many zones the controller serves, 1..8 (the profile's zones)
     */
    public static List<BacnetPoint> buildingMap(int zones) {
        if (zones < 1 || zones > 8) {
            throw new IllegalArgumentException("the bacnet-building profile has zones 1..8, asked for " + zones);
        }
        List<BacnetPoint> map = new ArrayList<>();
        map.add(new BacnetPoint("outdoor_temperature", BacnetObjectType.ANALOG_INPUT, OUTDOOR_AI));
        map.add(new BacnetPoint("heat_energy", BacnetObjectType.ACCUMULATOR, HEAT_METER_ACC));
        map.add(new BacnetPoint("heat_power", BacnetObjectType.ANALOG_INPUT, HEAT_POWER_AI));
        map.add(new BacnetPoint("supply_temperature", BacnetObjectType.ANALOG_INPUT, SUPPLY_AI));
        map.add(new BacnetPoint("return_temperature", BacnetObjectType.ANALOG_INPUT, RETURN_AI));
        for (int z = 1; z <= zones; z++) {
            map.add(new BacnetPoint("zone" + z + "_temperature", BacnetObjectType.ANALOG_INPUT, z));
            map.add(new BacnetPoint("zone" + z + "_setpoint", BacnetObjectType.ANALOG_VALUE, z));
            map.add(new BacnetPoint("zone" + z + "_mode", BacnetObjectType.MULTI_STATE_VALUE, z));
            map.add(new BacnetPoint("zone" + z + "_presence", BacnetObjectType.BINARY_INPUT, z));
        }
        return List.copyOf(map);
    }
}
