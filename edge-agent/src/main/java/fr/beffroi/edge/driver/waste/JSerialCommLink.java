package fr.beffroi.edge.driver.waste;

import com.fazecast.jSerialComm.SerialPort;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A serial port through jSerialComm, opened by path ({@code /dev/ttyUSB0}, a socat pty link):
 * 8 data bits, no parity, 1 stop bit, semi-blocking reads of at most {@value #READ_TIMEOUT_MS} ms.
 *
 * <p>jSerialComm does not always say when a port disappears (a pty whose other end closed may just
 * read nothing), so after a read that brought nothing the link checks that the path still leads to
 * the device it opened: a USB adapter unplugged loses its node, a socat pair that stopped loses its
 * link, a new pair behind the same link is another device.
 */
final class JSerialCommLink implements SerialLink {

    static final int READ_TIMEOUT_MS = 200;

    private final SerialPort port;
    private final Path path;
    private final Path device;

    private JSerialCommLink(SerialPort port, Path path, Path device) {
        this.port = port;
        this.path = path;
        this.device = device;
    }

    static SerialLink.Opener opener(String portPath, int baud) {
        if (baud <= 0) {
            throw new IllegalArgumentException("baud must be positive, got " + baud);
        }
        return () -> open(portPath, baud);
    }

    private static SerialLink open(String portPath, int baud) throws IOException {
        Path path = Path.of(portPath);
        if (!Files.exists(path)) {
            throw new IOException("serial port " + portPath + " does not exist");
        }
        Path device = path.toRealPath();
        SerialPort port = SerialPort.getCommPort(portPath);
        port.setComPortParameters(baud, 8, SerialPort.ONE_STOP_BIT, SerialPort.NO_PARITY);
        port.setComPortTimeouts(SerialPort.TIMEOUT_READ_SEMI_BLOCKING, READ_TIMEOUT_MS, 0);
        if (!port.openPort()) {
            throw new IOException("serial port " + portPath + " cannot be opened (jSerialComm error "
                    + port.getLastErrorCode() + ")");
        }
        return new JSerialCommLink(port, path, device);
    }

    @Override
    public int read(byte[] buffer) throws IOException {
        int n = port.readBytes(buffer, buffer.length);
        if (n < 0 || !port.isOpen()) {
            throw new IOException("serial port " + path + " read failed (jSerialComm error " + port.getLastErrorCode() + ")");
        }
        if (n == 0) {
            checkStillThere();
        }
        return n;
    }

    private void checkStillThere() throws IOException {
        Path now;
        try {
            now = path.toRealPath();
        } catch (IOException e) {
            throw new IOException("serial port " + path + " vanished", e);
        }
        if (!now.equals(device)) {
            throw new IOException("serial port " + path + " now leads to " + now + ", not " + device + " any more");
        }
    }

    @Override
    public void close() {
        port.closePort();
    }
}
