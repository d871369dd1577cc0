package fr.beffroi.profiles.codec.sunspec;

import java.io.IOException;

/** Reads holding registers from one device; the seam between SunSpec logic and a Modbus transport. */
@FunctionalInterface
public interface RegisterReader {

    /**
     * Reads {@code count} holding registers.
     *
     * @param address 0-based Modbus protocol address of the first register (40000 is the SunSpec base)
     * @param count   number of registers, 1..125
     * @return exactly {@code count} words
     * @throws UnreadableRegistersException when the device answers that these registers do not exist
     * @throws IOException                  when the device cannot be reached or does not answer
     */
    short[] read(int address, int count) throws IOException;
}
