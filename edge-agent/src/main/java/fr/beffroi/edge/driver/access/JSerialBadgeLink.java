package fr.beffroi.edge.driver.access;

import com.fazecast.jSerialComm.SerialPort;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.util.Arrays;
import java.util.function.Consumer;

/**
 * A badge reader on a serial port, 8N1, through jSerialComm; the port is configured by path
 * ({@code /dev/ttyUSB0}, a socat pty), since jSerialComm does not list ptys. One daemon thread per
 * door reads with a short semi-blocking timeout, so that {@link #close()} ends it promptly.
 */
final class JSerialBadgeLink implements BadgeLink {

    private static final Logger LOG = LoggerFactory.getLogger(JSerialBadgeLink.class);
    private static final int READ_TIMEOUT_MS = 200;

    private final String deviceId;
    private final SerialPort port;
    private final Thread reader;
    private volatile boolean running = true;

    private JSerialBadgeLink(String deviceId, SerialPort port, Consumer<byte[]> onBytes, Consumer<String> onLost) {
        this.deviceId = deviceId;
        this.port = port;
        this.reader = new Thread(() -> read(onBytes, onLost), "door-" + deviceId + "-badges");
        this.reader.setDaemon(true);
    }

    static BadgeLink.Opener opener(String deviceId, String portPath, int baud) {
        return (onBytes, onLost) -> {
            SerialPort port = SerialPort.getCommPort(portPath);
            port.setComPortParameters(baud, 8, SerialPort.ONE_STOP_BIT, SerialPort.NO_PARITY);
            port.setComPortTimeouts(SerialPort.TIMEOUT_READ_SEMI_BLOCKING, READ_TIMEOUT_MS, 0);
            if (!port.openPort()) {
                throw new IOException("cannot open badge reader port " + portPath + " (error " + port.getLastErrorCode() + ")");
            }
            LOG.info("device {}: badge reader on {} at {} baud", deviceId, portPath, baud);
            JSerialBadgeLink link = new JSerialBadgeLink(deviceId, port, onBytes, onLost);
            link.reader.start();
            return link;
        };
    }

    private void read(Consumer<byte[]> onBytes, Consumer<String> onLost) {
        byte[] buf = new byte[256];
        while (running) {
            int n = port.readBytes(buf, buf.length);
            if (n > 0) {
                onBytes.accept(Arrays.copyOf(buf, n));
            } else if (n < 0 && running) {
                running = false;
                onLost.accept("read failed on " + port.getSystemPortPath() + " (error " + port.getLastErrorCode() + ")");
            }
        }
    }

    @Override
    public boolean alive() {
        return running && port.isOpen();
    }

    @Override
    public void close() {
        running = false;
        try {
            reader.join(READ_TIMEOUT_MS * 5L);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        port.closePort();
        LOG.debug("device {}: badge reader port closed", deviceId);
    }
}
