package fr.beffroi.profiles.codec.modbus;

import fr.beffroi.profiles.model.RegisterPoint;
import fr.beffroi.profiles.model.RegisterTable;

import java.util.Objects;

/**
 * A profile point placed at its register address on one device.
 *
 * @param reading the reading name ({@code outdoorTemp}, {@code zone2.setpoint})
 * @param table   the register table of its block
 * @param address 0-based Modbus protocol address of its first register in that table
 * @param spec    what the profile says about it
 */
public record AddressedPoint(String reading, RegisterTable table, int address, RegisterPoint spec) {
    public AddressedPoint {
        Objects.requireNonNull(reading, "reading");
        Objects.requireNonNull(table, "table");
        Objects.requireNonNull(spec, "spec");
    }

    /** One past its last register. */
    public int end() {
        return address + spec.words();
    }
}
