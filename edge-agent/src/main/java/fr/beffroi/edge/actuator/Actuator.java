package fr.beffroi.edge.actuator;

import fr.beffroi.edge.driver.DeviceException;

/**
 * The seam between commands and a device that can act: a driver that writes points implements it
 * beside {@link fr.beffroi.edge.driver.DeviceDriver}. The driver checks the point is writable and
 * the value within its profile's range, and answers with a {@link DeviceException} otherwise.
 */
public interface Actuator {
    /**
     * Writes one point of the device, in the point's unit.
     *
     * @throws DeviceException CONFIGURATION for a point that is not writable or a value out of
     *                         range, UNREACHABLE or PROTOCOL when the device did not take it
     */
    void write(String point, double value) throws DeviceException;
}
