package fr.beffroi.sim.face.modbusrtu;

import com.digitalpetri.modbus.Crc16;
import com.digitalpetri.modbus.ExceptionCode;
import com.digitalpetri.modbus.FunctionCode;
import com.digitalpetri.modbus.ModbusRtuFrame;
import com.digitalpetri.modbus.exceptions.ModbusResponseException;
import com.digitalpetri.modbus.exceptions.UnknownUnitIdException;
import com.digitalpetri.modbus.pdu.ReadHoldingRegistersRequest;
import com.digitalpetri.modbus.pdu.ReadHoldingRegistersResponse;
import com.digitalpetri.modbus.pdu.ReadInputRegistersRequest;
import com.digitalpetri.modbus.pdu.ReadInputRegistersResponse;
import com.digitalpetri.modbus.serial.server.SerialPortServerTransport;
import com.digitalpetri.modbus.server.ModbusRequestContext;
import com.digitalpetri.modbus.server.ModbusRequestContext.ModbusRtuRequestContext;
import com.digitalpetri.modbus.server.ModbusRtuServer;
import com.digitalpetri.modbus.server.ModbusRtuServerTransport;
import com.digitalpetri.modbus.server.ModbusServices;
import com.fazecast.jSerialComm.SerialPort;
import fr.beffroi.sim.model.groundwater.AquiferModel;
import java.nio.ByteBuffer;
import java.util.Objects;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A groundwater probe as a Modbus RTU slave on a serial port (a path such as {@code /tmp/gw-a} or
 * {@code /dev/ttyUSB0}), 8N1. It answers its own unit id only and stays silent for others, as a
 * slave on a shared RS-485 bus must. Reads outside its map answer ILLEGAL_DATA_ADDRESS. For tests,
 * {@link #setCorruptCrc(boolean)} spoils the CRC of every answer (line noise).
 */
public final class GroundwaterRtuServer implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(GroundwaterRtuServer.class);

  private final ModbusRtuServer server;
  private final String serialPort;
  private final int unitId;
  private final AtomicBoolean corruptCrc;

  private GroundwaterRtuServer(ModbusRtuServer server, String serialPort, int unitId, AtomicBoolean corruptCrc) {
    this.server = server;
    this.serialPort = serialPort;
    this.unitId = unitId;
    this.corruptCrc = corruptCrc;
  }

  /** Opens {@code serialPort} at {@code baud} 8N1 and serves {@code model} as {@code unitId}. */
  public static GroundwaterRtuServer start(String serialPort, int baud, int unitId, AquiferModel model)
      throws InterruptedException {
    Objects.requireNonNull(serialPort, "serialPort");
    Objects.requireNonNull(model, "model");
    if (unitId < 1 || unitId > 247) {
      throw new IllegalArgumentException("unit id must be in 1..247, got " + unitId);
    }
    SerialPortServerTransport serial = SerialPortServerTransport.create(cfg -> {
      cfg.setSerialPort(serialPort);
      cfg.setBaudRate(baud);
    });
    discardStaleInput(serial.getSerialPort(), serialPort);
    AtomicBoolean corrupt = new AtomicBoolean();
    ModbusRtuServer server = ModbusRtuServer.create(new AnswerFilter(serial, corrupt),
        new Services(unitId, model, serialPort));
    try {
      server.start();
    } catch (ExecutionException e) {
      throw new IllegalStateException("cannot open " + serialPort + " for the RTU probe: " + e.getCause(), e);
    }
    LOG.info("probe unit {}: Modbus RTU slave on {} at {} baud", unitId, serialPort, baud);
    return new GroundwaterRtuServer(server, serialPort, unitId, corrupt);
  }

  /**
   * A probe that powers up starts with an empty UART: requests a master sent while it was off must
   * not be answered now (on a pty pair they wait in the kernel buffer, and answering them late puts
   * the master's next request out of step).
   */
  private static void discardStaleInput(SerialPort port, String name) {
    if (port.openPort()) {
      port.flushIOBuffers();
      port.closePort();
    } else {
      LOG.warn("probe on {}: cannot open the port to discard stale input", name);
    }
  }

  /** The serial port it answers on. */
  public String port() {
    return serialPort;
  }

  public int unitId() {
    return unitId;
  }

  /** While on, every answer leaves with a wrong CRC. */
  public void setCorruptCrc(boolean on) {
    corruptCrc.set(on);
    LOG.info("probe unit {} on {}: corrupt CRC {}", unitId, serialPort, on ? "on" : "off");
  }

  @Override
  public void close() {
    try {
      server.stop();
      LOG.info("probe unit {}: Modbus RTU slave on {} stopped", unitId, serialPort);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (ExecutionException e) {
      LOG.warn("probe unit {}: RTU slave on {} did not stop cleanly: {}", unitId, serialPort, e.getCause());
    }
  }

  /**
   * Wraps the serial transport to correct, then on demand spoil, the CRC of answers.
   *
   * <p>Correct: digitalpetri 2.1.4's {@code ModbusRtuServer} computes the CRC of an exception
   * response over the unit id alone (it hands the CRC a buffer not yet flipped), so every exception
   * response fails the master's CRC check. This recomputes it over unit id + PDU, as the RTU spec says.
   */
  private static final class AnswerFilter implements ModbusRtuServerTransport {
    private final ModbusRtuServerTransport delegate;
    private final AtomicBoolean on;

    AnswerFilter(ModbusRtuServerTransport delegate, AtomicBoolean on) {
      this.delegate = delegate;
      this.on = on;
    }

    @Override
    public CompletionStage<Void> bind() {
      return delegate.bind();
    }

    @Override
    public CompletionStage<Void> unbind() {
      return delegate.unbind();
    }

    @Override
    public void receive(FrameReceiver<ModbusRtuRequestContext, ModbusRtuFrame> receiver) {
      delegate.receive((context, request) -> {
        ModbusRtuFrame answer = receiver.receive(context, request);
        if (answer == null) {
          return null;
        }
        if ((answer.pdu().get(answer.pdu().position()) & 0x80) != 0) {
          answer = new ModbusRtuFrame(answer.unitId(), answer.pdu(), crc(answer.unitId(), answer.pdu()));
        }
        if (!on.get()) {
          return answer;
        }
        ByteBuffer crc = answer.crc().duplicate();
        ByteBuffer bad = ByteBuffer.allocate(crc.remaining());
        while (crc.hasRemaining()) {
          bad.put((byte) (crc.get() ^ 0x5A));
        }
        bad.flip();
        return new ModbusRtuFrame(answer.unitId(), answer.pdu(), bad);
      });
    }
  }

  /** CRC-16/MODBUS over unit id + PDU, low byte first. */
  private static ByteBuffer crc(int unitId, ByteBuffer pdu) {
    Crc16 crc16 = new Crc16();
    crc16.update(unitId);
    crc16.update(pdu.duplicate());
    ByteBuffer crc = ByteBuffer.allocate(2);
    crc.put((byte) (crc16.getValue() & 0xFF));
    crc.put((byte) ((crc16.getValue() >> 8) & 0xFF));
    return crc.flip();
  }

  private static final class Services implements ModbusServices {
    private final int unitId;
    private final AquiferModel model;
    private final String port;
    private final ProbeRegisterMap map = ProbeRegisterMap.bundled();

    Services(int unitId, AquiferModel model, String port) {
      this.unitId = unitId;
      this.model = model;
      this.port = port;
    }

    @Override
    public ReadInputRegistersResponse readInputRegisters(ModbusRequestContext context, int unit,
        ReadInputRegistersRequest request) throws ModbusResponseException, UnknownUnitIdException {
      checkUnit(unit);
      int[] words = map.inputRegisters(model.snapshot());
      return new ReadInputRegistersResponse(
          slice(words, request.address(), request.quantity(), FunctionCode.READ_INPUT_REGISTERS));
    }

    @Override
    public ReadHoldingRegistersResponse readHoldingRegisters(ModbusRequestContext context, int unit,
        ReadHoldingRegistersRequest request) throws ModbusResponseException, UnknownUnitIdException {
      checkUnit(unit);
      int[] words = map.holdingRegisters(model.config().groundM());
      return new ReadHoldingRegistersResponse(
          slice(words, request.address(), request.quantity(), FunctionCode.READ_HOLDING_REGISTERS));
    }

    /** Another slave's address: say nothing, as on a shared bus. */
    private void checkUnit(int unit) throws UnknownUnitIdException {
      if (unit != unitId) {
        LOG.debug("probe unit {} on {}: ignoring a request for unit {}", unitId, port, unit);
        throw new UnknownUnitIdException(unit);
      }
    }

    private byte[] slice(int[] words, int address, int quantity, FunctionCode fc) throws ModbusResponseException {
      if (quantity < 1 || quantity > 125) {
        throw new ModbusResponseException(fc, ExceptionCode.ILLEGAL_DATA_VALUE);
      }
      if (address < 0 || address + quantity > words.length) {
        LOG.debug("probe unit {} on {}: read outside the map, address {} quantity {}", unitId, port, address, quantity);
        throw new ModbusResponseException(fc, ExceptionCode.ILLEGAL_DATA_ADDRESS);
      }
      byte[] bytes = new byte[quantity * 2];
      for (int i = 0; i < quantity; i++) {
        bytes[2 * i] = (byte) (words[address + i] >>> 8);
        bytes[2 * i + 1] = (byte) words[address + i];
      }
      return bytes;
    }
  }
}
