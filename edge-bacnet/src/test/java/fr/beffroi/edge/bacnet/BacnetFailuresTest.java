package fr.beffroi.edge.bacnet;

import com.serotonin.bacnet4j.apdu.Abort;
import com.serotonin.bacnet4j.apdu.Error;
import com.serotonin.bacnet4j.apdu.Reject;
import com.serotonin.bacnet4j.exception.AbortAPDUException;
import com.serotonin.bacnet4j.exception.BACnetTimeoutException;
import com.serotonin.bacnet4j.exception.ErrorAPDUException;
import com.serotonin.bacnet4j.exception.RejectAPDUException;
import com.serotonin.bacnet4j.service.confirmed.ReadPropertyMultipleRequest;
import com.serotonin.bacnet4j.type.enumerated.AbortReason;
import com.serotonin.bacnet4j.type.enumerated.ErrorClass;
import com.serotonin.bacnet4j.type.enumerated.ErrorCode;
import com.serotonin.bacnet4j.type.enumerated.RejectReason;
import com.serotonin.bacnet4j.type.error.ErrorClassAndCode;
import fr.beffroi.edge.driver.DeviceException;
import fr.beffroi.edge.driver.DeviceException.Kind;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/** Every BACnet failure says whose fault it is and names the device, its instance and address. */
class BacnetFailuresTest {
    private static final String WHO = "device ecole-bms (BACnet device 1201 at 10.0.0.5:47808)";
    private static final Duration TIMEOUT = Duration.ofSeconds(3);

    @Test
    void noAnswerIsUnreachable() {
        DeviceException e = BacnetFailures.classify(WHO, TIMEOUT, "reading present-values", new BACnetTimeoutException());

        assertThat(e.kind()).isEqualTo(Kind.UNREACHABLE);
        assertThat(e.getMessage()).isEqualTo(WHO + ": no answer within 3000 ms reading present-values");
    }

    @Test
    void anUnknownObjectOrARefusedWriteIsOurConfiguration() {
        DeviceException unknown = BacnetFailures.classify(WHO, TIMEOUT, "writing zone9_setpoint",
                error(ErrorClass.object, ErrorCode.unknownObject));
        DeviceException denied = BacnetFailures.classify(WHO, TIMEOUT, "writing zone1_setpoint",
                error(ErrorClass.property, ErrorCode.writeAccessDenied));

        assertThat(unknown.kind()).isEqualTo(Kind.CONFIGURATION);
        assertThat(unknown.getMessage()).startsWith(WHO).contains("error PDU", "class object", "code unknown-object");
        assertThat(denied.kind()).isEqualTo(Kind.CONFIGURATION);
    }

    @Test
    void otherErrorsRejectsAndAbortsAreProtocol() {
        DeviceException busy = BacnetFailures.classify(WHO, TIMEOUT, "reading present-values",
                error(ErrorClass.device, ErrorCode.operationalProblem));
        DeviceException reject = BacnetFailures.classify(WHO, TIMEOUT, "reading present-values",
                new RejectAPDUException(new Reject((byte) 7, RejectReason.invalidTag)));
        DeviceException abort = BacnetFailures.classify(WHO, TIMEOUT, "reading present-values",
                new AbortAPDUException(new Abort(true, (byte) 7, AbortReason.segmentationNotSupported)));

        assertThat(busy.kind()).isEqualTo(Kind.PROTOCOL);
        assertThat(busy.getMessage()).contains("class device", "code operational-problem");
        assertThat(reject.kind()).isEqualTo(Kind.PROTOCOL);
        assertThat(reject.getMessage()).startsWith(WHO).contains("reject PDU", "invalid-tag");
        assertThat(abort.kind()).isEqualTo(Kind.PROTOCOL);
        assertThat(abort.getMessage()).contains("abort PDU", "segmentation-not-supported", "from the device");
    }

    @Test
    void aDeviceWithoutReadPropertyMultipleIsRecognised() {
        assertThat(BacnetBmsDriver.lacksReadMultiple(
                new RejectAPDUException(new Reject((byte) 1, RejectReason.unrecognizedService)))).isTrue();
        assertThat(BacnetBmsDriver.lacksReadMultiple(error(ErrorClass.services, ErrorCode.serviceRequestDenied))).isTrue();
        assertThat(BacnetBmsDriver.lacksReadMultiple(error(ErrorClass.object, ErrorCode.unknownObject))).isFalse();
        assertThat(BacnetBmsDriver.lacksReadMultiple(new BACnetTimeoutException())).isFalse();
    }

    private static ErrorAPDUException error(ErrorClass errorClass, ErrorCode code) {
        return new ErrorAPDUException(new Error((byte) 7, ReadPropertyMultipleRequest.TYPE_ID,
                new ErrorClassAndCode(errorClass, code)));
    }
}
