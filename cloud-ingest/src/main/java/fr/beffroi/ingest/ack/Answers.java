package fr.beffroi.ingest.ack;

import io.vertx.mqtt.messages.codes.MqttPubAckReasonCode;

/**
 * What each protocol owes the sender for an outcome. Success is only ever answered for a
 * committed batch; a database failure is answered so that the sender keeps and resends.
 */
public final class Answers {
    private Answers() {
    }

    /** MQTT v5 PUBACK reason code. */
    public static MqttPubAckReasonCode pubAck(IngestOutcome outcome) {
        return switch (outcome.kind()) {
            case COMMITTED -> MqttPubAckReasonCode.SUCCESS;
            case INVALID -> MqttPubAckReasonCode.PAYLOAD_FORMAT_INVALID;
            case FORBIDDEN -> MqttPubAckReasonCode.NOT_AUTHORIZED;
            case UNSUPPORTED_TOPIC -> MqttPubAckReasonCode.TOPIC_NAME_INVALID;
            case FAILED -> MqttPubAckReasonCode.IMPLEMENTATION_SPECIFIC_ERROR;
        };
    }

    /**
     * Whether an MQTT 3.1.1 client, whose PUBACK carries no reason, must rather lose its connection:
     * only then does it keep the message and resend it.
     */
    public static boolean dropV3Connection(IngestOutcome outcome) {
        return outcome.kind() == IngestOutcome.Kind.FAILED;
    }

    /** HTTP status for {@code POST /api/v1/readings}. */
    public static int httpStatus(IngestOutcome outcome) {
        return switch (outcome.kind()) {
            case COMMITTED -> 200;
            case INVALID, UNSUPPORTED_TOPIC -> 400;
            case FORBIDDEN -> 403;
            case FAILED -> 503;
        };
    }
}
