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

    /** A truck's bin-lift RFID reader on a serial line. */
    String WASTE_BINLIFT_RFID = "waste-binlift-rfid";
    /** A truck's NMEA 0183 GPS receiver on a serial line (positions for the lifts). */
    String WASTE_NMEA_GPS = "waste-nmea-gps";
    /** A truck's hopper (sorting-quality) camera, over its HTTP API. */
    String WASTE_HOPPER_CAMERA = "waste-hopper-camera-http";
    /** A door: lock relay, door contact and exit button on GPIO lines, badge reader on a serial line. */
    String DOOR_LOCK_GPIO = "door-lock-gpio";

    /**
     * Building management systems over BACnet/IP: the driver is in the optional {@code edge-bacnet}
     * module (GPL-3.0, see its README), found on the class path by {@link #BACNET_PROVIDER}.
     */
    String BMS_BACNET_IP = "bms-bacnet-ip";
    /** The optional module's entry point, named rather than linked so the agent does not depend on GPL code. */
    String BACNET_PROVIDER = "fr.beffroi.edge.bacnet.BacnetDriverProvider";

    /** Driver names the config accepts, each with the address form it takes. */
    Map<String, Class<? extends DeviceAddress>> KNOWN_DRIVERS = known();

    /** Makes the driver of one configured device; called in config order, once per device. */
    DeviceDriver create(DeviceConfig device, DriverContext context);

    /** Releases what the factory shares between its drivers (a GPIO context); the agent calls it last. */
    default void close() {
    }

    private static Map<String, Class<? extends DeviceAddress>> known() {
        Map<String, Class<? extends DeviceAddress>> m = new LinkedHashMap<>();
        m.put(SUNSPEC_MODBUS_TCP, DeviceAddress.Tcp.class);
        m.put(BMS_MODBUS_TCP, DeviceAddress.Tcp.class);
        m.put(GROUNDWATER_COAP, DeviceAddress.Coap.class);
        m.put(GROUNDWATER_RTU, DeviceAddress.Serial.class);
        m.put(WASTE_BINLIFT_RFID, DeviceAddress.BinLiftReader.class);
        m.put(WASTE_NMEA_GPS, DeviceAddress.SerialStream.class);
        m.put(WASTE_HOPPER_CAMERA, DeviceAddress.Http.class);
        m.put(DOOR_LOCK_GPIO, DeviceAddress.GpioDoor.class);
        m.put(BMS_BACNET_IP, DeviceAddress.Plugin.class);
        return java.util.Collections.unmodifiableMap(m);
    }
}
