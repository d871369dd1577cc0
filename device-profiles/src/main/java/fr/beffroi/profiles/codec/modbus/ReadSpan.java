package fr.beffroi.profiles.codec.modbus;

/**
 * One read holding registers request (function 3).
 *
 * @param address 0-based protocol address of the first register
 * @param count   number of registers, 1..125
 */
public record ReadSpan(int address, int count) {
    public ReadSpan {
        if (address < 0 || count < 1 || count > RegisterLayout.MAX_READ_WORDS || address + count > 0x10000) {
            throw new IllegalArgumentException("no such read: " + count + " registers at " + address);
        }
    }
}
