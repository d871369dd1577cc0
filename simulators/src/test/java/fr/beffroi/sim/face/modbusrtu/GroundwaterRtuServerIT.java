package fr.beffroi.sim.face.modbusrtu;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.digitalpetri.modbus.client.ModbusRtuClient;
import com.digitalpetri.modbus.exceptions.ModbusResponseException;
import com.digitalpetri.modbus.pdu.ReadInputRegistersRequest;
import com.digitalpetri.modbus.serial.client.SerialPortClientTransport;
import fr.beffroi.sim.model.groundwater.AquiferConfig;
import fr.beffroi.sim.model.groundwater.AquiferModel;
import fr.beffroi.sim.time.LeapClock;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The RTU face on a socat pty pair with digitalpetri's RTU client. Skipped without socat. */
class GroundwaterRtuServerIT {

  @Test
  void inputRegistersCarryTheSampleAndReadsOutsideTheMapAreRefused() throws Exception {
    assumeTrue(PtyPair.socat().isPresent(), "socat is not installed at " + PtyPair.SOCAT
        + ": no virtual serial line (apt-get install socat)");
    String id = UUID.randomUUID().toString().substring(0, 8);
    LeapClock clock = LeapClock.at(Instant.parse("2026-03-21T12:00:00Z"));
    AquiferModel model = new AquiferModel(AquiferConfig.plateau(3), clock);
    try (PtyPair pair = PtyPair.open(Path.of("/tmp/gw-sim-" + id + "-a"), Path.of("/tmp/gw-sim-" + id + "-b"),
            Duration.ofSeconds(5));
        GroundwaterRtuServer server = GroundwaterRtuServer.start(pair.a(), 9600, 1, model)) {
      ModbusRtuClient client = ModbusRtuClient.create(
          SerialPortClientTransport.create(cfg -> {
            cfg.setSerialPort(pair.b());
            cfg.setBaudRate(9600);
          }),
          cfg -> cfg.setRequestTimeout(Duration.ofSeconds(2)));
      client.connect();
      try {
        byte[] bytes = client.readInputRegisters(1, new ReadInputRegistersRequest(0, 5)).registers();
        int[] expected = ProbeRegisterMap.bundled().inputRegisters(model.snapshot());
        for (int i = 0; i < 5; i++) {
          assertThat(((bytes[2 * i] & 0xFF) << 8) | (bytes[2 * i + 1] & 0xFF)).isEqualTo(expected[i]);
        }

        ModbusResponseException e = catchThrowableOfType(ModbusResponseException.class,
            () -> client.readInputRegisters(1, new ReadInputRegistersRequest(3, 5)));
        assertThat(e.getFunctionCode()).isEqualTo(4);
        // ILLEGAL_DATA_ADDRESS (2); digitalpetri 2.1.4's RTU client reports the function byte 0x84 instead
        assertThat(e.getExceptionCode()).isIn(2, (int) (byte) 0x84);
        assertThat(server.port()).isEqualTo(pair.a());
      } finally {
        client.disconnect();
      }
    }
  }
}
