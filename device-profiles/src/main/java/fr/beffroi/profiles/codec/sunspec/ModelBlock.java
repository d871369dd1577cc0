package fr.beffroi.profiles.codec.sunspec;

/**
 * One model block found on a device.
 *
 * @param id      the SunSpec model ID
 * @param length  the body length the device announced (its {@code L})
 * @param address 0-based protocol address of the block's ID register
 */
public record ModelBlock(int id, int length, int address) {

    /** Registers in the whole block: ID, L and the body. */
    public int words() {
        return length + 2;
    }
}
