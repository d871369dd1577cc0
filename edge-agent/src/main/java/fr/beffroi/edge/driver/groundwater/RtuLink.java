package fr.beffroi.edge.driver.groundwater;

import fr.beffroi.edge.driver.DeviceException;
import fr.beffroi.profiles.model.Layout;

/**
 * An open serial line to one Modbus RTU slave. Failures come out already classified: no answer is
 * UNREACHABLE, a bad CRC or an exception response PROTOCOL.
 */
interface RtuLink extends AutoCloseable {

    /**
     * Reads {@code quantity} registers from {@code address} of the table {@code layout} names
     * ({@link Layout#INPUT_REGISTERS} or {@link Layout#HOLDING_REGISTERS}).
     */
    short[] read(Layout layout, int address, int quantity) throws DeviceException;

    /** Releases the port; never throws. */
    @Override
    void close();

    @FunctionalInterface
    interface Opener {
        RtuLink open() throws DeviceException;
    }
}
