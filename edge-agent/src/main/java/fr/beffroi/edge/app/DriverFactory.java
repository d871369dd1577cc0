package fr.beffroi.edge.app;

import fr.beffroi.edge.driver.DeviceDriver;

import java.util.LinkedHashMap;
import java.util.Map;

/** Makes the driver a device's config names. Tests pass their own to run the agent on fakes. */
@FunctionalInterface
public interface DriverFactory {
    /** PV inverters speaking SunSpec over Modbus TCP. */
    String SUNSPEC_MODBUS_TCP = "sunspec-modbus-tcp";
    /** Building management systems over Modbus TCP (zones, setpoints, modes, lights, heat meter). */
    String BMS_MODBUS_TCP = "bms-modbus-tcp";
    /** Groundwater probes serving SenML JSON over CoAP. */
    String GROUNDWATER_COAP = "groundwater-coap-senml";
    /** Groundwater probes on an RS-485 line speaking Modbus RTU. */
    String GROUNDWATER_RTU = "groundwater-modbus-rtu";

    /** Driver names the config accepts, each with the address form it takes. */
    Map<String, Class<? extends DeviceAddress>> KNOWN_DRIVERS = known();

    DeviceDriver create(DeviceConfig device);

    private static Map<String, Class<? extends DeviceAddress>> known() {
        Map<String, Class<? extends DeviceAddress>> m = new LinkedHashMap<>();
        m.put(SUNSPEC_MODBUS_TCP, DeviceAddress.Tcp.class);
        m.put(BMS_MODBUS_TCP, DeviceAddress.Tcp.class);
        m.put(GROUNDWATER_COAP, DeviceAddress.Coap.class);
        m.put(GROUNDWATER_RTU, DeviceAddress.Serial.class);
        return java.util.Collections.unmodifiableMap(m);
    }
}
