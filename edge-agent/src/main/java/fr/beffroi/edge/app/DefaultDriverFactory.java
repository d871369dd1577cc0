package fr.beffroi.edge.app;

import fr.beffroi.edge.driver.DeviceDriver;
import fr.beffroi.edge.driver.bms.ModbusBmsDriver;
import fr.beffroi.edge.driver.groundwater.CoapSenmlProbeDriver;
import fr.beffroi.edge.driver.groundwater.ModbusRtuProbeDriver;
import fr.beffroi.edge.driver.sunspec.SunSpecModbusDriver;

import java.time.Clock;
import java.util.Objects;

/** The production drivers, one per name in {@link DriverFactory#KNOWN_DRIVERS}. */
public final class DefaultDriverFactory implements DriverFactory {
    private final Clock clock;

    public DefaultDriverFactory(Clock clock) {
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public DeviceDriver create(DeviceConfig d) {
        return switch (d.driver()) {
            case SUNSPEC_MODBUS_TCP -> {
                DeviceAddress.Tcp a = d.address(DeviceAddress.Tcp.class);
                yield new SunSpecModbusDriver(d.id(), a.host(), a.port(), a.unitId(), d.timeout(), clock);
            }
            case BMS_MODBUS_TCP -> {
                DeviceAddress.Tcp a = d.address(DeviceAddress.Tcp.class);
                yield new ModbusBmsDriver(d.id(), a.host(), a.port(), a.unitId(), d.timeout(), clock);
            }
            case GROUNDWATER_COAP -> {
                DeviceAddress.Coap a = d.address(DeviceAddress.Coap.class);
                yield new CoapSenmlProbeDriver(d.id(), a.uri(), d.timeout(), a.observe(), clock);
            }
            case GROUNDWATER_RTU -> {
                DeviceAddress.Serial a = d.address(DeviceAddress.Serial.class);
                yield new ModbusRtuProbeDriver(d.id(), a.serialPort(), a.baud(), a.unitId(), d.timeout(), clock);
            }
            // The loader refuses unknown names; reaching here means the two lists drifted apart.
            default -> throw new IllegalArgumentException("devices: no driver named " + d.driver());
        };
    }
}
