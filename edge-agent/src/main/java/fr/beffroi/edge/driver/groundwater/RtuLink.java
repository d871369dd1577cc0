package fr.beffroi.edge.driver.groundwater;

import fr.beffroi.edge.driver.DeviceException;
import fr.beffroi.profiles.model.RegisterTable;

/**
 * An open serial line to one Modbus RTU slave. Failures come out already classified: no answer is
 * UNREACHABLE, a bad CRC or an exception response PROTOCOL.
 */
interface RtuLink extends AutoCloseable {

    /**
     * Reads {@code quantity} registers from {@code address} of {@code table}: function 4 for input
     * registers, 3 for holding registers.
     */
    short[] read(RegisterTable table, int address, int quantity) throws DeviceException;

    /** Releases the port; never throws. */
    @Override
    void close();

    @FunctionalInterface
    interface Opener {
        RtuLink open() throws DeviceException;
    }
}
