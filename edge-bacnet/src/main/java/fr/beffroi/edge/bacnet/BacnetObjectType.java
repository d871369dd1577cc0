package fr.beffroi.edge.bacnet;

import com.serotonin.bacnet4j.type.enumerated.ObjectType;

/**
 * The BACnet object types this driver reads, with what it reads on each. Kept as our own enum, not
 * BACnet4J's {@code ObjectType}, so that a point map names only types whose values we know how to
 * turn into a number, and a config can spell them ({@code AV}, {@code MSV}...).
 */
public enum BacnetObjectType {
    ANALOG_INPUT("AI", ObjectType.analogInput, true, false),
    ANALOG_OUTPUT("AO", ObjectType.analogOutput, true, true),
    ANALOG_VALUE("AV", ObjectType.analogValue, true, true),
    BINARY_INPUT("BI", ObjectType.binaryInput, false, false),
    BINARY_OUTPUT("BO", ObjectType.binaryOutput, false, true),
    BINARY_VALUE("BV", ObjectType.binaryValue, false, true),
    MULTI_STATE_INPUT("MSI", ObjectType.multiStateInput, false, false),
    MULTI_STATE_OUTPUT("MSO", ObjectType.multiStateOutput, false, true),
    MULTI_STATE_VALUE("MSV", ObjectType.multiStateValue, false, true),
    /** A pulse meter: present-value is an unsigned count, × its {@code scale} in its {@code units}. */
    ACCUMULATOR("ACC", ObjectType.accumulator, true, false);

    private final String code;
    private final ObjectType bacnet;
    private final boolean hasUnits;
    private final boolean commandable;

    BacnetObjectType(String code, ObjectType bacnet, boolean hasUnits, boolean commandable) {
        this.code = code;
        this.bacnet = bacnet;
        this.hasUnits = hasUnits;
        this.commandable = commandable;
    }

    /** The usual short form: AI, AV, MSV, BI, ACC. */
    public String code() {
        return code;
    }

    ObjectType bacnet() {
        return bacnet;
    }

    /** Whether the object has a {@code units} property (analog and accumulator); binary and multi-state are "1". */
    public boolean hasUnits() {
        return hasUnits;
    }

    /**
     * Whether its present-value may be commanded through a priority array. Outputs always are;
     * values are when the device made them commandable, which a failed write tells us.
     */
    public boolean commandable() {
        return commandable;
    }

    /** By its short form (AV) or its enum name (ANALOG_VALUE), case-insensitive. */
    public static BacnetObjectType parse(String text) {
        for (BacnetObjectType t : values()) {
            if (t.code.equalsIgnoreCase(text) || t.name().equalsIgnoreCase(text)) {
                return t;
            }
        }
        throw new IllegalArgumentException("unknown BACnet object type '" + text + "' (known: AI, AO, AV, BI, BO, BV, "
                + "MSI, MSO, MSV, ACC)");
    }
}
