package fr.beffroi.edge.bacnet;

import com.serotonin.bacnet4j.exception.AbortAPDUException;
import com.serotonin.bacnet4j.exception.BACnetException;
import com.serotonin.bacnet4j.exception.BACnetTimeoutException;
import com.serotonin.bacnet4j.exception.ErrorAPDUException;
import com.serotonin.bacnet4j.exception.RejectAPDUException;
import com.serotonin.bacnet4j.type.enumerated.ErrorClass;
import com.serotonin.bacnet4j.type.enumerated.ErrorCode;
import com.serotonin.bacnet4j.type.error.ErrorClassAndCode;
import fr.beffroi.edge.driver.DeviceException;
import fr.beffroi.edge.driver.DeviceException.Kind;

import java.io.IOException;
import java.time.Duration;

/**
 * Whose fault a BACnet failure is, as a {@link DeviceException} whose message names the device,
 * its BACnet instance and address, and the PDU's class and code: pure, so it is tested without a
 * network.
 */
public final class BacnetFailures {

    private BacnetFailures() {
    }

    /**
     * @param who   the device as the message names it: "device boiler-1 (BACnet 1201 at 10.0.0.5:47808)"
     * @param timeout how long the driver waited for an answer, for the message
     * @param doing   what was asked: "reading present-values"
     */
    public static DeviceException classify(String who, Duration timeout, String doing, BACnetException e) {
        if (e instanceof BACnetTimeoutException) {
            return new DeviceException(Kind.UNREACHABLE, who + ": no answer within " + timeout.toMillis() + " ms "
                    + doing, e);
        }
        if (e instanceof ErrorAPDUException error) {
            ErrorClassAndCode cc = error.getError().getErrorClassAndCode();
            return new DeviceException(kindOf(cc), who + ": error PDU " + doing + ": class " + cc.getErrorClass()
                    + ", code " + cc.getErrorCode(), e);
        }
        if (e instanceof RejectAPDUException reject) {
            return new DeviceException(Kind.PROTOCOL, who + ": reject PDU " + doing + ": reason "
                    + reject.getApdu().getRejectReason(), e);
        }
        if (e instanceof AbortAPDUException abort) {
            return new DeviceException(Kind.PROTOCOL, who + ": abort PDU " + doing + ": reason "
                    + abort.getApdu().getAbortReason() + (abort.getApdu().isServer() ? " (from the device)" : ""), e);
        }
        if (e.getCause() instanceof IOException io) {
            return new DeviceException(Kind.UNREACHABLE, who + ": network failure " + doing + ": " + io.getMessage(), e);
        }
        return new DeviceException(Kind.PROTOCOL, who + ": " + doing + ": " + e.getMessage(), e);
    }

    /**
     * A BACnet error about one object or property, as a read of many (ReadPropertyMultiple) reports
     * it per property: an object or property the device does not have, or a write it refuses
     * because of what it is, is our configuration; anything else is the device's protocol.
     */
    public static Kind kindOf(ErrorClassAndCode cc) {
        ErrorCode code = cc.getErrorCode();
        if (code.equals(ErrorCode.unknownObject) || code.equals(ErrorCode.unknownProperty)
                || code.equals(ErrorCode.writeAccessDenied) || code.equals(ErrorCode.valueOutOfRange)
                || code.equals(ErrorCode.invalidDataType)) {
            return Kind.CONFIGURATION;
        }
        if (cc.getErrorClass().equals(ErrorClass.object) && code.equals(ErrorCode.unsupportedObjectType)) {
            return Kind.CONFIGURATION;
        }
        return Kind.PROTOCOL;
    }
}
