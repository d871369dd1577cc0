package fr.beffroi.ingest.ack;

import fr.beffroi.profiles.wire.BatchAck;
import io.vertx.mqtt.messages.codes.MqttPubAckReasonCode;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class AnswersTest {
    @Test
    void onlyACommittedBatchIsAnsweredWithSuccess() {
        IngestOutcome committed = IngestOutcome.committed(BatchAck.committed("gw", 1, 2, 2, 0));

        assertThat(Answers.pubAck(committed)).isEqualTo(MqttPubAckReasonCode.SUCCESS);
        assertThat(Answers.httpStatus(committed)).isEqualTo(200);
        assertThat(Answers.dropV3Connection(committed)).isFalse();
    }

    @Test
    void refusalsAndFailuresMapToTheirReasonCodes() {
        IngestOutcome invalid = IngestOutcome.refused(IngestOutcome.Kind.INVALID, null, "bad");
        IngestOutcome forbidden = IngestOutcome.refused(IngestOutcome.Kind.FORBIDDEN, null, "not yours");
        IngestOutcome failed = IngestOutcome.failed("db");

        assertThat(Answers.pubAck(invalid).value()).isEqualTo((byte) 0x99);
        assertThat(Answers.pubAck(forbidden).value()).isEqualTo((byte) 0x87);
        assertThat(Answers.pubAck(failed).value()).isEqualTo((byte) 0x83);
        assertThat(Answers.httpStatus(invalid)).isEqualTo(400);
        assertThat(Answers.httpStatus(forbidden)).isEqualTo(403);
        assertThat(Answers.httpStatus(failed)).isEqualTo(503);
        assertThat(Answers.dropV3Connection(failed)).isTrue();
        assertThat(Answers.dropV3Connection(invalid)).isFalse();
    }
}
