package fr.beffroi.profiles.codec.sunspec;

import java.io.IOException;

/**
 * The device answered, but refused the register range (a Modbus "illegal data address" exception).
 * The scanner uses it to skip a base address where a device has no SunSpec map.
 */
public final class UnreadableRegistersException extends IOException {
    public UnreadableRegistersException(String message) {
        super(message);
    }

    public UnreadableRegistersException(String message, Throwable cause) {
        super(message, cause);
    }
}
