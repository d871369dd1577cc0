package fr.beffroi.edge.driver.modbus;

import fr.beffroi.profiles.codec.sunspec.RegisterReader;

import java.io.IOException;

/**
 * An open connection to one device's holding registers; a driver opens one, and drops it on failure.
 * Shared by the Modbus drivers (SunSpec, building controllers).
 */
public interface RegisterLink extends RegisterReader, AutoCloseable {

    /**
     * Writes holding registers (function 16), 1..123 words.
     *
     * @param address 0-based Modbus protocol address of the first register
     * @throws UnwritableRegistersException when the device refuses the address or the value
     * @throws IOException                  when the device cannot be reached or does not answer
     */
    void write(int address, short[] words) throws IOException;

    /** Releases the connection; never throws. */
    @Override
    void close();

    /** Opens links: PLC4X in production, a register image in unit tests. */
    @FunctionalInterface
    public interface Opener {
        /** @throws IOException when the device cannot be reached */
        RegisterLink open() throws IOException;
    }
}
