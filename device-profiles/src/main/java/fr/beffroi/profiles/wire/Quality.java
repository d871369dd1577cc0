package fr.beffroi.profiles.wire;

/** How far a reading can be trusted; set by the driver that took it. */
public enum Quality {
    /** Read from the device and decoded without doubt. */
    GOOD,
    /** Read, but the device flagged it or the value sits outside its plausible range. */
    UNCERTAIN,
    /** The device answered that the point is not implemented or failed. */
    BAD
}
