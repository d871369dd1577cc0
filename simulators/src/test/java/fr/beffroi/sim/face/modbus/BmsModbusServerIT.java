package fr.beffroi.sim.face.modbus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.digitalpetri.modbus.ExceptionCode;
import com.digitalpetri.modbus.client.ModbusTcpClient;
import com.digitalpetri.modbus.exceptions.ModbusException;
import com.digitalpetri.modbus.exceptions.ModbusResponseException;
import com.digitalpetri.modbus.pdu.ReadHoldingRegistersRequest;
import com.digitalpetri.modbus.pdu.WriteMultipleRegistersRequest;
import com.digitalpetri.modbus.pdu.WriteSingleRegisterRequest;
import com.digitalpetri.modbus.tcp.client.NettyTcpClientTransport;
import fr.beffroi.sim.model.building.BuildingConfig;
import fr.beffroi.sim.model.building.BuildingModel;
import fr.beffroi.sim.time.LeapClock;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A real digitalpetri Modbus TCP client reads and commands the building simulator on 127.0.0.1. */
class BmsModbusServerIT {

  private static final int ZONE1 = 16;

  private final LeapClock clock = LeapClock.at(Instant.parse("2027-01-12T06:00:00Z"));
  private final BuildingModel school = BuildingModel.create(BuildingConfig.school(9), clock);
  private final BuildingModel gym = BuildingModel.create(BuildingConfig.sportsHall(9), clock);

  private BmsModbusServer server;
  private ModbusTcpClient client;

  @BeforeEach
  void start() throws Exception {
    server = BmsModbusServer.start("127.0.0.1", 0, Map.of(1, school, 2, gym));
    client = ModbusTcpClient.create(
        NettyTcpClientTransport.create(cfg -> {
          cfg.setHostname("127.0.0.1");
          cfg.setPort(server.port());
        }),
        cfg -> cfg.setRequestTimeout(Duration.ofSeconds(5)));
    client.connect();
  }

  @AfterEach
  void stop() throws Exception {
    if (client != null) {
      client.disconnect();
    }
    if (server != null) {
      server.close();
    }
  }

  private short[] read(int unit, int address, int quantity) throws ModbusException {
    ByteBuffer buffer = ByteBuffer.wrap(
        client.readHoldingRegisters(unit, new ReadHoldingRegistersRequest(address, quantity)).registers());
    short[] words = new short[quantity];
    for (int i = 0; i < quantity; i++) {
      words[i] = buffer.getShort();
    }
    return words;
  }

  @Test
  void eachUnitServesItsZoneCountAndZones() throws Exception {
    short[] schoolMap = read(1, 0, 16 + 5 * 12);
    short[] gymMap = read(2, 0, 16 + 2 * 12);

    assertThat(schoolMap[0]).isEqualTo((short) 5);
    assertThat(gymMap[0]).isEqualTo((short) 2);
    assertThat(gymMap[ZONE1 + 1]).as("sports hall comfort setpoint, tenths").isEqualTo((short) 140);
    assertThat(schoolMap[ZONE1 + 2]).as("mode CONFORT").isEqualTo((short) 3);
  }

  @Test
  void aWrittenModeShowsInTheRoomTemperatureAsTheClockMoves() throws Exception {
    short before = read(1, ZONE1, 1)[0];

    client.writeSingleRegister(1, new WriteSingleRegisterRequest(ZONE1 + 2, 0)); // ARRET
    clock.leap(Duration.ofHours(12));
    short after = read(1, ZONE1, 3)[0];

    assertThat(read(1, ZONE1 + 2, 1)[0]).isEqualTo((short) 0);
    assertThat(after).as("room temperature in tenths after 12 h off").isLessThan((short) (before - 10));

    client.writeMultipleRegisters(1, new WriteMultipleRegistersRequest(ZONE1 + 1, 2, new byte[] {0, (byte) 210, 0, 3}));
    clock.leap(Duration.ofHours(12));
    assertThat(read(1, ZONE1, 2)).satisfies(w -> {
      assertThat(w[1]).isEqualTo((short) 210);
      assertThat(w[0]).isGreaterThan(after);
    });
  }

  @Test
  void refusedRequestsAnswerModbusExceptions() {
    ModbusResponseException readOnly = catchThrowableOfType(ModbusResponseException.class,
        () -> client.writeSingleRegister(1, new WriteSingleRegisterRequest(ZONE1, 250)));
    ModbusResponseException outOfRange = catchThrowableOfType(ModbusResponseException.class,
        () -> client.writeSingleRegister(1, new WriteSingleRegisterRequest(ZONE1 + 1, 300)));
    ModbusResponseException pastTheMap = catchThrowableOfType(ModbusResponseException.class,
        () -> read(2, 16 + 2 * 12, 1));
    ModbusResponseException noUnit = catchThrowableOfType(ModbusResponseException.class, () -> read(3, 0, 1));

    assertThat(readOnly.getExceptionCode()).isEqualTo(ExceptionCode.ILLEGAL_DATA_ADDRESS.getCode());
    assertThat(outOfRange.getExceptionCode()).isEqualTo(ExceptionCode.ILLEGAL_DATA_VALUE.getCode());
    assertThat(pastTheMap.getExceptionCode()).isEqualTo(ExceptionCode.ILLEGAL_DATA_ADDRESS.getCode());
    assertThat(noUnit.getExceptionCode()).isEqualTo(ExceptionCode.GATEWAY_TARGET_DEVICE_FAILED_TO_RESPONSE.getCode());
  }
}
