package fr.beffroi.profiles.codec.modbus;

import fr.beffroi.profiles.model.RegisterTable;

import java.util.Objects;

/**
 * One read registers request: function 3 for holding registers, 4 for input registers.
 *
 * @param table   which table to read
 * @param address 0-based protocol address of the first register
 * @param count   number of registers, 1..125
 */
public record ReadSpan(RegisterTable table, int address, int count) {
    public ReadSpan {
        Objects.requireNonNull(table, "table");
        if (address < 0 || count < 1 || count > RegisterLayout.MAX_READ_WORDS || address + count > 0x10000) {
            throw new IllegalArgumentException("no such read: " + count + " registers at " + address);
        }
    }

    /** A read of holding registers. */
    public ReadSpan(int address, int count) {
        this(RegisterTable.HOLDING, address, count);
    }

    /** One past its last register. */
    public int end() {
        return address + count;
    }

    /** Whether it covers every register of {@code p}. */
    public boolean covers(AddressedPoint p) {
        return table == p.table() && address <= p.address() && p.end() <= end();
    }
}
