package fr.beffroi.sim.face.modbus;

import com.digitalpetri.modbus.ExceptionCode;
import com.digitalpetri.modbus.FunctionCode;
import com.digitalpetri.modbus.exceptions.ModbusResponseException;
import com.digitalpetri.modbus.pdu.ReadHoldingRegistersRequest;
import com.digitalpetri.modbus.pdu.ReadHoldingRegistersResponse;
import com.digitalpetri.modbus.pdu.WriteMultipleRegistersRequest;
import com.digitalpetri.modbus.pdu.WriteMultipleRegistersResponse;
import com.digitalpetri.modbus.pdu.WriteSingleRegisterRequest;
import com.digitalpetri.modbus.pdu.WriteSingleRegisterResponse;
import com.digitalpetri.modbus.server.ModbusRequestContext;
import com.digitalpetri.modbus.server.ModbusServices;
import fr.beffroi.sim.model.building.BuildingModel;
import java.nio.ByteBuffer;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A building controller on Modbus TCP (digitalpetri modbus-tcp): one simulated building per unit id,
 * its holding registers laid out by the {@code bms/modbus-building} profile ({@link BmsRegisterMap}).
 * Reads (function 3) snapshot the model at its clock's instant. Writes (functions 6 and 16) of the
 * writable points — setpoint, mode, lights — become model commands, so a written mode shows in the
 * room temperature as the clock moves. Reads outside the map answer ILLEGAL_DATA_ADDRESS, writes to
 * a read-only register ILLEGAL_DATA_ADDRESS, out-of-range values ILLEGAL_DATA_VALUE, an unknown unit
 * GATEWAY_TARGET_DEVICE_FAILED_TO_RESPOND, other functions ILLEGAL_FUNCTION.
 */
public final class BmsModbusServer implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(BmsModbusServer.class);
  private static final int MAX_WRITE_QUANTITY = 123;

  private final ModbusTcpBinding binding;
  private final Map<Integer, BuildingModel> units;

  private BmsModbusServer(ModbusTcpBinding binding, Map<Integer, BuildingModel> units) {
    this.binding = binding;
    this.units = units;
  }

  /** Serves one building as unit 1. Port 0 picks a free port: see {@link #port()}. */
  public static BmsModbusServer start(String host, int port, BuildingModel model) throws InterruptedException {
    return start(host, port, Map.of(1, model));
  }

  /** Serves each building at its unit id (1..247); binds before returning. */
  public static BmsModbusServer start(String host, int port, Map<Integer, BuildingModel> units)
      throws InterruptedException {
    Objects.requireNonNull(host, "host");
    if (units.isEmpty()) {
      throw new IllegalArgumentException("at least one unit is required");
    }
    Map<Integer, Unit> served = new LinkedHashMap<>();
    units.forEach((id, model) -> {
      if (id < 1 || id > 247) {
        throw new IllegalArgumentException("unit id must be in 1..247, got " + id);
      }
      served.put(id, new Unit(model, BmsRegisterMap.forZones(model.zoneCount())));
    });
    ModbusTcpBinding binding = ModbusTcpBinding.start("BMS", host, port, new Services(Map.copyOf(served)));
    LOG.info("BMS Modbus server on {}:{} serving unit ids {}", host, binding.port(), served.keySet());
    return new BmsModbusServer(binding, Map.copyOf(units));
  }

  public String host() {
    return binding.host();
  }

  /** The bound TCP port (the real one when started with port 0). */
  public int port() {
    return binding.port();
  }

  public Map<Integer, BuildingModel> units() {
    return units;
  }

  @Override
  public void close() {
    binding.close();
  }

  private record Unit(BuildingModel model, BmsRegisterMap map) {}

  private static final class Services implements ModbusServices {

    private final Map<Integer, Unit> units;

    Services(Map<Integer, Unit> units) {
      this.units = units;
    }

    @Override
    public ReadHoldingRegistersResponse readHoldingRegisters(
        ModbusRequestContext context, int unitId, ReadHoldingRegistersRequest request)
        throws ModbusResponseException {
      FunctionCode fc = FunctionCode.READ_HOLDING_REGISTERS;
      Unit unit = unit(fc, unitId);
      try {
        return HoldingRegisterReads.answer(request.address(), request.quantity(), unit.map().size(),
            () -> unit.map().encode(unit.model().snapshot()));
      } catch (ModbusResponseException e) {
        LOG.debug("BMS unit {} refused a read at {} x{}: {}", unitId, request.address(), request.quantity(),
            e.getExceptionCode());
        throw e;
      }
    }

    @Override
    public WriteSingleRegisterResponse writeSingleRegister(
        ModbusRequestContext context, int unitId, WriteSingleRegisterRequest request) throws ModbusResponseException {
      FunctionCode fc = FunctionCode.WRITE_SINGLE_REGISTER;
      write(fc, unit(fc, unitId), unitId, request.address(), new short[] {(short) request.value()});
      return new WriteSingleRegisterResponse(request.address(), request.value());
    }

    @Override
    public WriteMultipleRegistersResponse writeMultipleRegisters(
        ModbusRequestContext context, int unitId, WriteMultipleRegistersRequest request)
        throws ModbusResponseException {
      FunctionCode fc = FunctionCode.WRITE_MULTIPLE_REGISTERS;
      Unit unit = unit(fc, unitId);
      int quantity = request.quantity();
      if (quantity < 1 || quantity > MAX_WRITE_QUANTITY || request.values().length != 2 * quantity) {
        throw error(fc, ExceptionCode.ILLEGAL_DATA_VALUE);
      }
      ByteBuffer buffer = ByteBuffer.wrap(request.values());
      short[] words = new short[quantity];
      for (int i = 0; i < quantity; i++) {
        words[i] = buffer.getShort();
      }
      write(fc, unit, unitId, request.address(), words);
      return new WriteMultipleRegistersResponse(request.address(), quantity);
    }

    private static void write(FunctionCode fc, Unit unit, int unitId, int address, short[] words)
        throws ModbusResponseException {
      try {
        unit.map().write(unit.model(), address, words);
      } catch (BmsRegisterMap.WriteRefused e) {
        LOG.info("BMS unit {} refused a write at {}: {}", unitId, address, e.getMessage());
        throw error(fc, e.badAddress() ? ExceptionCode.ILLEGAL_DATA_ADDRESS : ExceptionCode.ILLEGAL_DATA_VALUE);
      }
    }

    private Unit unit(FunctionCode fc, int unitId) throws ModbusResponseException {
      Unit unit = units.get(unitId);
      if (unit == null) {
        LOG.debug("BMS request for unit {} not served", unitId);
        throw error(fc, ExceptionCode.GATEWAY_TARGET_DEVICE_FAILED_TO_RESPONSE);
      }
      return unit;
    }

    private static ModbusResponseException error(FunctionCode fc, ExceptionCode code) {
      return new ModbusResponseException(fc, code);
    }
  }
}
