package fr.beffroi.edge.driver.groundwater;

import com.digitalpetri.modbus.client.ModbusRtuClient;
import com.digitalpetri.modbus.exceptions.ModbusCrcException;
import com.digitalpetri.modbus.exceptions.ModbusException;
import com.digitalpetri.modbus.exceptions.ModbusResponseException;
import com.digitalpetri.modbus.exceptions.ModbusTimeoutException;
import com.digitalpetri.modbus.pdu.ReadHoldingRegistersRequest;
import com.digitalpetri.modbus.pdu.ReadInputRegistersRequest;
import com.digitalpetri.modbus.serial.client.SerialPortClientTransport;
import com.fazecast.jSerialComm.SerialPortInvalidPortException;
import fr.beffroi.edge.driver.DeviceException;
import fr.beffroi.edge.driver.DeviceException.Kind;
import fr.beffroi.profiles.model.RegisterTable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;

/**
 * {@link RtuLink} on digitalpetri's Modbus RTU client over jSerialComm (PLC4X 0.13.1's RTU driver
 * returns raw bytes: see DEPENDENCIES.md). The port is opened by path, 8N1; ptys work as well as
 * USB adapters.
 */
final class DigitalpetriRtuLink implements RtuLink {

    private static final Logger LOG = LoggerFactory.getLogger(DigitalpetriRtuLink.class);

    private final String deviceId;
    private final String serialPort;
    private final int unitId;
    private final ModbusRtuClient client;

    private DigitalpetriRtuLink(String deviceId, String serialPort, int unitId, ModbusRtuClient client) {
        this.deviceId = deviceId;
        this.serialPort = serialPort;
        this.unitId = unitId;
        this.client = client;
    }

    static RtuLink.Opener opener(String deviceId, String serialPort, int baud, int unitId, Duration timeout) {
        return () -> {
            SerialPortClientTransport transport;
            try {
                transport = SerialPortClientTransport.create(cfg -> {
                    cfg.setSerialPort(serialPort);
                    cfg.setBaudRate(baud);
                });
            } catch (SerialPortInvalidPortException e) {
                // jSerialComm refuses a path that names no port: unplugged adapter or typo, retry may help
                throw new DeviceException(Kind.UNREACHABLE, "device " + deviceId + ": no serial port "
                        + serialPort + ": " + e.getMessage(), e);
            }
            ModbusRtuClient client = ModbusRtuClient.create(transport, cfg -> cfg.setRequestTimeout(timeout));
            try {
                client.connect();
            } catch (ModbusException e) {
                throw new DeviceException(Kind.UNREACHABLE, "device " + deviceId + ": cannot open serial port "
                        + serialPort + ": " + rootMessage(e), e);
            }
            LOG.info("device {}: serial port {} open at {} baud, unit {}", deviceId, serialPort, baud, unitId);
            return new DigitalpetriRtuLink(deviceId, serialPort, unitId, client);
        };
    }

    @Override
    public short[] read(RegisterTable table, int address, int quantity) throws DeviceException {
        byte[] bytes;
        try {
            bytes = switch (table) {
                case INPUT -> client.readInputRegisters(unitId,
                        new ReadInputRegistersRequest(address, quantity)).registers();
                case HOLDING -> client.readHoldingRegisters(unitId,
                        new ReadHoldingRegistersRequest(address, quantity)).registers();
            };
        } catch (ModbusTimeoutException e) {
            throw new DeviceException(Kind.UNREACHABLE, "device " + deviceId + ": no answer from unit " + unitId
                    + " on " + serialPort + " within the timeout", e);
        } catch (ModbusResponseException e) {
            // digitalpetri 2.1.4's RTU client reads the function byte (0x80 | fc, negative as a byte) where the
            // exception code should be: say so rather than print a code the device never sent
            String code = e.getExceptionCode() >= 0 ? "exception " + e.getExceptionCode() : "an exception";
            throw new DeviceException(Kind.PROTOCOL, "device " + deviceId + ": unit " + unitId + " answered " + code
                    + " to function " + e.getFunctionCode() + " at " + table.yamlName()
                    + " register " + address + " (" + quantity + " registers)", e);
        } catch (ModbusException e) {
            Throwable cause = e;
            while (cause != null) {
                if (cause instanceof ModbusCrcException) {
                    throw new DeviceException(Kind.PROTOCOL, "device " + deviceId + ": answer from unit " + unitId
                            + " with a bad CRC", e);
                }
                if (cause instanceof ModbusTimeoutException) {
                    throw new DeviceException(Kind.UNREACHABLE, "device " + deviceId + ": no answer from unit "
                            + unitId + " on " + serialPort + " within the timeout", e);
                }
                cause = cause.getCause();
            }
            throw new DeviceException(Kind.UNREACHABLE, "device " + deviceId + ": " + rootMessage(e), e);
        }
        if (bytes.length != quantity * 2) {
            throw new DeviceException(Kind.PROTOCOL, "device " + deviceId + ": asked " + quantity + " registers, got "
                    + bytes.length + " bytes");
        }
        short[] words = new short[quantity];
        for (int i = 0; i < quantity; i++) {
            words[i] = (short) (((bytes[2 * i] & 0xFF) << 8) | (bytes[2 * i + 1] & 0xFF));
        }
        return words;
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
    }

    @Override
    public void close() {
        try {
            client.disconnect();
        } catch (ModbusException | RuntimeException e) {
            LOG.debug("device {}: closing {}: {}", deviceId, serialPort, e.toString());
        }
    }
}
