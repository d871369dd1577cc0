package fr.beffroi.edge.health;

/** Whether a device answers its polls. */
public enum DeviceStatus {
    /** Not polled yet since the agent started. */
    UNKNOWN,
    /** The last poll succeeded. */
    ONLINE,
    /** The last poll failed; {@link DeviceHealth#reason()} and {@link DeviceHealth#kind()} say why. */
    OFFLINE
}
