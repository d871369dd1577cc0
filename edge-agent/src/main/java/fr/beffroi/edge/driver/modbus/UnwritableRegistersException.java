package fr.beffroi.edge.driver.modbus;

import java.io.IOException;

/**
 * The device answered a write with a Modbus exception (illegal address or value): it is reachable,
 * and retrying the same write will not help.
 */
public final class UnwritableRegistersException extends IOException {
    public UnwritableRegistersException(String message) {
        super(message);
    }
}
