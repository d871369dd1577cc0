package fr.beffroi.edge.app;

import fr.beffroi.edge.driver.DeviceDriver;

import java.util.List;

/** Makes the driver a device's config names. Tests pass their own to run the agent on fakes. */
@FunctionalInterface
public interface DriverFactory {
    /** The SunSpec inverter family over Modbus TCP. */
    String SUNSPEC_MODBUS_TCP = "sunspec-modbus-tcp";

    /** Driver names the config accepts. */
    List<String> KNOWN_DRIVERS = List.of(SUNSPEC_MODBUS_TCP);

    DeviceDriver create(DeviceConfig device);
}
