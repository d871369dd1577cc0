package fr.beffroi.edge.driver;

/**
 * A device could not be read. The {@link Kind} says whose fault it is, and so whether retrying can
 * help: the scheduler backs off on every kind, and reports the kind in health and metrics.
 */
public final class DeviceException extends Exception {

    public enum Kind {
        /** No answer: unreachable, refused, timed out. Retrying later may help. */
        UNREACHABLE,
        /** It answered, but with a frame or value that breaks its protocol or profile. */
        PROTOCOL,
        /** Our configuration or profile does not match the device; retrying will not help. */
        CONFIGURATION
    }

    private final Kind kind;

    public DeviceException(Kind kind, String message, Throwable cause) {
        super(message, cause);
        this.kind = kind;
    }

    public DeviceException(Kind kind, String message) {
        this(kind, message, null);
    }

    public Kind kind() {
        return kind;
    }
}
