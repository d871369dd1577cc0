package fr.beffroi.sim.face.modbus;

import com.digitalpetri.modbus.ExceptionCode;
import com.digitalpetri.modbus.FunctionCode;
import com.digitalpetri.modbus.exceptions.ModbusResponseException;
import com.digitalpetri.modbus.pdu.ReadHoldingRegistersResponse;
import java.util.function.Supplier;

/**
 * Answers a holding-register read from a register image the way a device does: a quantity outside
 * 1..125 is ILLEGAL_DATA_VALUE, a window outside the image ILLEGAL_DATA_ADDRESS, and the image is
 * only encoded once the request is known to be good (so its values are those of that instant).
 */
final class HoldingRegisterReads {
  static final int MAX_READ_QUANTITY = 125;

  private HoldingRegisterReads() {}

  /**
   * @param first the request's first register, relative to the image's start
   * @param imageSize how many registers the image holds
   * @param image encodes the image now, as unsigned 16-bit words
   */
  static ReadHoldingRegistersResponse answer(int first, int quantity, int imageSize, Supplier<int[]> image)
      throws ModbusResponseException {
    if (quantity < 1 || quantity > MAX_READ_QUANTITY) {
      throw new ModbusResponseException(FunctionCode.READ_HOLDING_REGISTERS, ExceptionCode.ILLEGAL_DATA_VALUE);
    }
    if (first < 0 || first + quantity > imageSize) {
      throw new ModbusResponseException(FunctionCode.READ_HOLDING_REGISTERS, ExceptionCode.ILLEGAL_DATA_ADDRESS);
    }
    int[] words = image.get();
    byte[] bytes = new byte[quantity * 2];
    for (int i = 0; i < quantity; i++) {
      int w = words[first + i];
      bytes[2 * i] = (byte) (w >>> 8);
      bytes[2 * i + 1] = (byte) w;
    }
    return new ReadHoldingRegistersResponse(bytes);
  }
}
