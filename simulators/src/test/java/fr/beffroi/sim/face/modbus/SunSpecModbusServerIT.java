package fr.beffroi.sim.face.modbus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.digitalpetri.modbus.ExceptionCode;
import com.digitalpetri.modbus.client.ModbusTcpClient;
import com.digitalpetri.modbus.exceptions.ModbusException;
import com.digitalpetri.modbus.exceptions.ModbusResponseException;
import com.digitalpetri.modbus.pdu.ReadHoldingRegistersRequest;
import com.digitalpetri.modbus.tcp.client.NettyTcpClientTransport;
import fr.beffroi.sim.model.pv.Evt1;
import fr.beffroi.sim.model.pv.InverterSnapshot;
import fr.beffroi.sim.model.pv.OperatingState;
import fr.beffroi.sim.model.pv.PvInverterModel;
import fr.beffroi.sim.time.LeapClock;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A real digitalpetri Modbus TCP client reads the simulator on 127.0.0.1 as an edge driver would. */
class SunSpecModbusServerIT {

  private final LeapClock clock = LeapClock.at(
      LocalDateTime.of(2026, 6, 21, 13, 30).atZone(ZoneId.of("Europe/Paris")).toInstant());
  private final PvInverterModel current = PvInverterModel.create(42, 36, clock);
  private final PvInverterModel legacy = PvInverterModel.create(43, 36, clock);
  private final PvInverterModel mppt = PvInverterModel.create(44, 36, clock);

  private SunSpecModbusServer server;
  private ModbusTcpClient client;

  @BeforeEach
  void start() throws Exception {
    server = SunSpecModbusServer.start("127.0.0.1", 0, List.of(
        SunSpecUnit.of(1, current),
        SunSpecUnit.of(2, legacy).withLegacyCommonModel(),
        SunSpecUnit.of(3, mppt).withMpptExtension()));
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

  private int[] read(int unit, int address, int quantity) throws ModbusException {
    byte[] bytes = client.readHoldingRegisters(unit, new ReadHoldingRegistersRequest(address, quantity))
        .registers();
    ByteBuffer buffer = ByteBuffer.wrap(bytes);
    int[] words = new int[quantity];
    for (int i = 0; i < quantity; i++) {
      words[i] = buffer.getShort() & 0xFFFF;
    }
    return words;
  }

  private record Block(int address, int id, int length) {}

  /** Walks the model chain as a SunSpec reader must: read ID and L, never hard-code L. */
  private List<Block> walk(int unit) throws ModbusException {
    List<Block> blocks = new ArrayList<>();
    int address = 40_002;
    while (blocks.size() < 10) {
      int[] header = read(unit, address, 2);
      blocks.add(new Block(address, header[0], header[1]));
      if (header[0] == 0xFFFF) {
        break;
      }
      address += 2 + header[1];
    }
    return blocks;
  }

  private static String string(int[] words, int from, int count) {
    byte[] bytes = new byte[count * 2];
    for (int i = 0; i < count; i++) {
      bytes[2 * i] = (byte) (words[from + i] >>> 8);
      bytes[2 * i + 1] = (byte) words[from + i];
    }
    return new String(bytes, StandardCharsets.US_ASCII).replace("\0", "");
  }

  private static double scaled(int raw, int sf) {
    return raw * Math.pow(10, (short) sf);
  }

  @Test
  void boundPortIsReportedAndTheSunSMarkerIsAt40000() throws Exception {
    assertThat(server.port()).isPositive();
    assertThat(read(1, 40_000, 2)).containsExactly(0x5375, 0x6E53);
  }

  @Test
  void modelChainIsCommonThenInverterThenEnd() throws Exception {
    assertThat(walk(1)).containsExactly(
        new Block(40_002, 1, 66), new Block(40_070, 103, 50), new Block(40_122, 0xFFFF, 0));
  }

  @Test
  void legacyUnitHasAShorterCommonModelAndEverythingAfterShifts() throws Exception {
    assertThat(walk(2)).containsExactly(
        new Block(40_002, 1, 65), new Block(40_069, 103, 50), new Block(40_121, 0xFFFF, 0));
  }

  @Test
  void commonModelNamesTheDevice() throws Exception {
    int[] common = read(1, 40_002, 68);

    assertThat(string(common, 2, 16)).isEqualTo("Beffroi");
    assertThat(string(common, 18, 16)).isEqualTo("SIM-36K");
    assertThat(string(common, 42, 8)).isEqualTo("0.1.0");
    assertThat(string(common, 50, 16)).isEqualTo(server.units().get(1).serialNumber());
    assertThat(common[66]).isEqualTo(1);
  }

  @Test
  void inverterModelShowsTheModelValuesAtTheInstantOfTheRead() throws Exception {
    clock.leap(Duration.ofMinutes(17));
    InverterSnapshot expected = current.snapshot(clock.instant());

    int[] m = read(1, 40_070, 52);

    assertThat(scaled(m[14], m[15])).isCloseTo(expected.acPowerW(), org.assertj.core.data.Offset.offset(0.5));
    assertThat(expected.acPowerW()).isPositive();
    assertThat(scaled(m[16], m[17])).isCloseTo(expected.frequencyHz(), org.assertj.core.data.Offset.offset(0.005));
    long wh = ((long) m[24] << 16) | m[25];
    assertThat(scaled((int) wh, m[26])).isEqualTo(Math.floor(expected.energyWh()));
    assertThat(wh).isPositive();
    assertThat(scaled(m[29], m[30])).isCloseTo(expected.dcVoltageV(), org.assertj.core.data.Offset.offset(0.05));
    assertThat(m[38]).isEqualTo(expected.state().code()).isEqualTo(OperatingState.MPPT.code());
    assertThat((m[40] << 16) | m[41]).isEqualTo(expected.evt1()).isZero();
  }

  @Test
  void energyCounterGrowsAsTheClockLeaps() throws Exception {
    int[] before = read(1, 40_094, 2);
    clock.leap(Duration.ofHours(1));
    int[] after = read(1, 40_094, 2);

    long whBefore = ((long) before[0] << 16) | before[1];
    long whAfter = ((long) after[0] << 16) | after[1];
    assertThat(whAfter).isGreaterThan(whBefore);
  }

  @Test
  void faultShowsAsStateSevenZeroPowerAndGroundFault() throws Exception {
    current.setFault(true);

    int[] m = read(1, 40_070, 52);

    assertThat(m[14]).isZero();
    assertThat(m[38]).isEqualTo(7);
    assertThat((m[40] << 16) | m[41]).isEqualTo(Evt1.GROUND_FAULT);
    assertThat(read(2, 40_069 + 38, 1)[0]).as("the other unit keeps producing").isEqualTo(4);
  }

  @Test
  void readsOutsideTheMapAnswerIllegalDataAddress() {
    ModbusResponseException below = catchThrowableOfType(ModbusResponseException.class,
        () -> read(1, 39_990, 12));
    ModbusResponseException pastEnd = catchThrowableOfType(ModbusResponseException.class,
        () -> read(1, 40_120, 10));

    assertThat(below.getExceptionCode()).isEqualTo(ExceptionCode.ILLEGAL_DATA_ADDRESS.getCode());
    assertThat(pastEnd.getExceptionCode()).isEqualTo(ExceptionCode.ILLEGAL_DATA_ADDRESS.getCode());
  }

  @Test
  void aUnitIdNotServedAnswersGatewayTargetFailed() {
    ModbusResponseException unknown = catchThrowableOfType(ModbusResponseException.class,
        () -> read(9, 40_000, 2));

    assertThat(unknown.getExceptionCode())
        .isEqualTo(ExceptionCode.GATEWAY_TARGET_DEVICE_FAILED_TO_RESPONSE.getCode());
  }

  @Test
  void mpptExtensionFollowsModel103AndTheChainStillEnds() throws Exception {
    assertThat(walk(3)).containsExactly(
        new Block(40_002, 1, 66), new Block(40_070, 103, 50), new Block(40_122, 160, 48),
        new Block(40_172, 0xFFFF, 0));
  }

  @Test
  void mpptModulesSplitTheDcPowerOfTheInstantOfTheRead() throws Exception {
    clock.leap(Duration.ofMinutes(17));
    InverterSnapshot expected = mppt.snapshot(clock.instant());

    int[] m = read(3, 40_122, 50);

    assertThat(m[8]).isEqualTo(2);
    for (int n = 0; n < 2; n++) {
      int b = 10 + 20 * n;
      var input = expected.dcInputs().get(n);
      assertThat(m[b]).isEqualTo(n + 1);
      assertThat(string(m, b + 1, 8)).isEqualTo(input.name());
      assertThat(scaled(m[b + 9], m[2])).isCloseTo(input.currentA(), org.assertj.core.data.Offset.offset(0.005));
      assertThat(scaled(m[b + 10], m[3])).isCloseTo(input.voltageV(), org.assertj.core.data.Offset.offset(0.05));
      assertThat(scaled(m[b + 11], m[4])).isCloseTo(input.powerW(), org.assertj.core.data.Offset.offset(0.5));
      assertThat(m[b + 17]).isEqualTo(OperatingState.MPPT.code());
    }
    assertThat(m[10 + 11]).as("the east string carries more").isGreaterThan(m[30 + 11]);
  }
}
