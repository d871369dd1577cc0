package fr.beffroi.edge.driver.sunspec;

import fr.beffroi.edge.driver.DeviceDriver;
import fr.beffroi.edge.driver.DeviceException;
import fr.beffroi.profiles.wire.Reading;

import java.time.Clock;
import java.time.Duration;
import java.util.List;

/** A SunSpec inverter on Modbus TCP, read through Apache PLC4X. (Being written.) */
public final class SunSpecModbusDriver implements DeviceDriver {
    private final String deviceId;

    public SunSpecModbusDriver(String deviceId, String host, int port, int unitId, Duration timeout, Clock clock) {
        this.deviceId = deviceId;
    }

    @Override
    public String deviceId() {
        return deviceId;
    }

    @Override
    public List<Reading> poll() throws DeviceException {
        throw new DeviceException(DeviceException.Kind.CONFIGURATION, "SunSpec driver not yet available");
    }

    @Override
    public void close() {
    }
}
