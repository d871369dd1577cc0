package fr.beffroi.sim.face.serial;

import com.fazecast.jSerialComm.SerialPort;
import java.io.IOException;

/** The writing end of a serial line (a pty of a socat pair, a USB adapter), 8N1, through jSerialComm. */
final class SerialOut implements AutoCloseable {

  private final SerialPort port;
  private final String path;

  private SerialOut(SerialPort port, String path) {
    this.port = port;
    this.path = path;
  }

  static SerialOut open(String path, int baud) throws IOException {
    SerialPort port = SerialPort.getCommPort(path);
    port.setComPortParameters(baud, 8, SerialPort.ONE_STOP_BIT, SerialPort.NO_PARITY);
    port.setComPortTimeouts(SerialPort.TIMEOUT_WRITE_BLOCKING, 0, 1_000);
    if (!port.openPort()) {
      throw new IOException("serial port " + path + " cannot be opened (jSerialComm error " + port.getLastErrorCode() + ")");
    }
    return new SerialOut(port, path);
  }

  void write(byte[] bytes) throws IOException {
    int n = port.writeBytes(bytes, bytes.length);
    if (n != bytes.length) {
      throw new IOException("serial port " + path + ": wrote " + n + " of " + bytes.length + " bytes");
    }
  }

  String path() {
    return path;
  }

  @Override
  public void close() {
    port.closePort();
  }
}
