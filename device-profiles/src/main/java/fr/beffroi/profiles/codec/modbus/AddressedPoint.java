package fr.beffroi.profiles.codec.modbus;

import fr.beffroi.profiles.model.RegisterPoint;

import java.util.Objects;

/**
 * A profile point placed at its register address on one device.
 *
 * @param reading the reading name ({@code outdoorTemp}, {@code zone2.setpoint})
 * @param address 0-based Modbus protocol address of its first register
 * @param spec    what the profile says about it
 */
public record AddressedPoint(String reading, int address, RegisterPoint spec) {
    public AddressedPoint {
        Objects.requireNonNull(reading, "reading");
        Objects.requireNonNull(spec, "spec");
    }

    /** One past its last register. */
    public int end() {
        return address + spec.words();
    }
}
