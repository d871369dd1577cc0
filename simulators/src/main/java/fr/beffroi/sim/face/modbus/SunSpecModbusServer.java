package fr.beffroi.sim.face.modbus;

import com.digitalpetri.modbus.ExceptionCode;
import com.digitalpetri.modbus.FunctionCode;
import com.digitalpetri.modbus.exceptions.ModbusResponseException;
import com.digitalpetri.modbus.pdu.ReadHoldingRegistersRequest;
import com.digitalpetri.modbus.pdu.ReadHoldingRegistersResponse;
import com.digitalpetri.modbus.server.ModbusRequestContext;
import com.digitalpetri.modbus.server.ModbusServices;
import fr.beffroi.sim.model.pv.PvInverterModel;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A Modbus TCP server (digitalpetri modbus-tcp) serving the SunSpec map of one or more simulated
 * inverters, one per unit id. Each read takes a snapshot of the unit's model at its clock's instant,
 * so every register of one response describes the same instant. Only function 3 (read holding
 * registers) is served: reads outside the map answer ILLEGAL_DATA_ADDRESS, reads for a unit id not
 * served answer GATEWAY_TARGET_DEVICE_FAILED_TO_RESPOND, other functions ILLEGAL_FUNCTION.
 */
public final class SunSpecModbusServer implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(SunSpecModbusServer.class);

  private final ModbusTcpBinding binding;
  private final String host;
  private final int port;
  private final Map<Integer, SunSpecUnit> units;

  private SunSpecModbusServer(
      ModbusTcpBinding binding, String host, int port, Map<Integer, SunSpecUnit> units) {
    this.binding = binding;
    this.host = host;
    this.port = port;
    this.units = units;
  }

  /** Serves one inverter as unit 1 (model 1 with L = 66). Port 0 picks a free port: see {@link #port()}. */
  public static SunSpecModbusServer start(String host, int port, PvInverterModel model)
      throws InterruptedException {
    return start(host, port, List.of(SunSpecUnit.of(1, model)));
  }

  /** Serves each unit at its unit id; binds before returning. */
  public static SunSpecModbusServer start(String host, int port, List<SunSpecUnit> units)
      throws InterruptedException {
    Objects.requireNonNull(host, "host");
    if (units.isEmpty()) {
      throw new IllegalArgumentException("at least one unit is required");
    }
    Map<Integer, UnitImage> images = new LinkedHashMap<>();
    Map<Integer, SunSpecUnit> byId = new LinkedHashMap<>();
    for (SunSpecUnit unit : units) {
      if (byId.putIfAbsent(unit.unitId(), unit) != null) {
        throw new IllegalArgumentException("unit id " + unit.unitId() + " given twice");
      }
      images.put(unit.unitId(), new UnitImage(unit, SunSpecRegisterMap.of(unit)));
    }

    ModbusTcpBinding binding =
        ModbusTcpBinding.start("SunSpec", host, port, new Services(Map.copyOf(images)));
    int bound = binding.port();
    LOG.info("SunSpec Modbus server on {}:{} serving unit ids {}", host, bound, byId.keySet());
    return new SunSpecModbusServer(binding, host, bound, Map.copyOf(byId));
  }

  public String host() {
    return host;
  }

  /** The bound TCP port (the real one when started with port 0). */
  public int port() {
    return port;
  }

  public Map<Integer, SunSpecUnit> units() {
    return units;
  }

  @Override
  public void close() {
    binding.close();
  }

  private record UnitImage(SunSpecUnit unit, SunSpecRegisterMap map) {}

  private static final class Services implements ModbusServices {

    private final Map<Integer, UnitImage> images;

    Services(Map<Integer, UnitImage> images) {
      this.images = images;
    }

    @Override
    public ReadHoldingRegistersResponse readHoldingRegisters(
        ModbusRequestContext context, int unitId, ReadHoldingRegistersRequest request)
        throws ModbusResponseException {
      UnitImage image = images.get(unitId);
      if (image == null) {
        LOG.debug("SunSpec read for unit {} not served, from {}", unitId, remote(context));
        throw error(ExceptionCode.GATEWAY_TARGET_DEVICE_FAILED_TO_RESPONSE);
      }
      int first = request.address() - SunSpecRegisterMap.BASE_ADDRESS;
      try {
        return HoldingRegisterReads.answer(first, request.quantity(), image.map().size(),
            () -> image.map().encode(image.unit().model().snapshot()));
      } catch (ModbusResponseException e) {
        LOG.debug("SunSpec unit {} refused a read at {} x{}: {}", unitId, request.address(), request.quantity(),
            e.getExceptionCode());
        throw e;
      }
    }

    private static ModbusResponseException error(ExceptionCode code) {
      return new ModbusResponseException(FunctionCode.READ_HOLDING_REGISTERS, code);
    }

    private static Object remote(ModbusRequestContext context) {
      return context instanceof ModbusRequestContext.ModbusTcpRequestContext tcp
          ? tcp.remoteAddress()
          : "?";
    }
  }
}
