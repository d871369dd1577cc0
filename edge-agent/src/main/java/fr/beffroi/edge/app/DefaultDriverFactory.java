package fr.beffroi.edge.app;

import fr.beffroi.edge.driver.DeviceDriver;
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
            case SUNSPEC_MODBUS_TCP -> new SunSpecModbusDriver(d.id(), d.host(), d.port(), d.unitId(), d.timeout(), clock);
            // The loader refuses unknown names; reaching here means the two lists drifted apart.
            default -> throw new IllegalArgumentException("devices: no driver named " + d.driver());
        };
    }
}
