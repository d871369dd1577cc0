package fr.beffroi.edge.uplink;

/**
 * The broker could not be reached, or it refused a message or connection.
 * {@link #reasonCode()} is the MQTT v5 reason code (0x80 and above) when the broker refused, or
 * the client library's own code otherwise; {@link #NO_CODE} when neither is known.
 */
public final class PublishException extends Exception {
    public static final int NO_CODE = -1;

    private final int reasonCode;

    public PublishException(int reasonCode, String message, Throwable cause) {
        super(message, cause);
        this.reasonCode = reasonCode;
    }

    public int reasonCode() {
        return reasonCode;
    }
}
