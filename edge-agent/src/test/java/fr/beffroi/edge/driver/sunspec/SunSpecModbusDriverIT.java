package fr.beffroi.edge.driver.sunspec;

import com.digitalpetri.modbus.ExceptionCode;
import com.digitalpetri.modbus.FunctionCode;
import com.digitalpetri.modbus.exceptions.ModbusResponseException;
import com.digitalpetri.modbus.exceptions.UnknownUnitIdException;
import com.digitalpetri.modbus.pdu.ReadHoldingRegistersRequest;
import com.digitalpetri.modbus.pdu.ReadHoldingRegistersResponse;
import com.digitalpetri.modbus.server.ModbusRequestContext;
import com.digitalpetri.modbus.server.ModbusServices;
import com.digitalpetri.modbus.server.ModbusTcpServer;
import com.digitalpetri.modbus.server.ProcessImage;
import com.digitalpetri.modbus.server.ReadOnlyModbusServices;
import com.digitalpetri.modbus.tcp.server.NettyTcpServerTransport;
import fr.beffroi.edge.driver.DeviceException;
import fr.beffroi.profiles.wire.Quality;
import fr.beffroi.profiles.wire.Reading;
import io.netty.channel.ChannelOption;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.api.Assertions.within;

/**
 * The driver through PLC4X against a real Modbus TCP server (digitalpetri) on 127.0.0.1 serving a
 * golden register image. Like a real device, the server answers "illegal data address" for any
 * register outside the image.
 */
class SunSpecModbusDriverIT {
    private static final int UNIT_ID = 1;
    private static final Instant NOW = Instant.parse("2026-06-21T10:15:00Z");

    private RegisterImage served;
    private ProcessImage processImage;
    private int port;
    private ModbusTcpServer server;
    private SunSpecModbusDriver driver;

    private void serve(String imageName) throws Exception {
        served = RegisterImage.load(imageName);
        processImage = new ProcessImage();
        processImage.with(tx -> tx.writeHoldingRegisters(registers ->
                served.words.forEach((address, word) -> registers.put(address, new byte[]{(byte) (word >> 8), (byte) (short) word}))));
        port = freePort();
        startServer();
        driver = new SunSpecModbusDriver("pv-gymnase", "127.0.0.1", port, UNIT_ID, Duration.ofSeconds(2),
                Clock.fixed(NOW, ZoneOffset.UTC));
    }

    @AfterEach
    void tearDown() throws Exception {
        if (driver != null) {
            driver.close();
        }
        if (server != null) {
            server.stop();
        }
    }

    private void startServer() throws Exception {
        NettyTcpServerTransport transport = NettyTcpServerTransport.create(cfg -> {
            cfg.setBindAddress("127.0.0.1");
            cfg.setPort(port);
            // the recovery test binds the same port again right after stopping
            cfg.setBootstrapCustomizer(b -> b.option(ChannelOption.SO_REUSEADDR, true));
        });
        ReadOnlyModbusServices image = new ReadOnlyModbusServices() {
            @Override
            protected Optional<ProcessImage> getProcessImage(int unitId) {
                return unitId == UNIT_ID ? Optional.of(processImage) : Optional.empty();
            }
        };
        server = ModbusTcpServer.create(transport, new ModbusServices() {
            @Override
            public ReadHoldingRegistersResponse readHoldingRegisters(ModbusRequestContext context, int unitId,
                    ReadHoldingRegistersRequest request) throws ModbusResponseException, UnknownUnitIdException {
                for (int a = request.address(); a < request.address() + request.quantity(); a++) {
                    if (!served.words.containsKey(a)) {
                        throw new ModbusResponseException(FunctionCode.READ_HOLDING_REGISTERS, ExceptionCode.ILLEGAL_DATA_ADDRESS);
                    }
                }
                return image.readHoldingRegisters(context, unitId, request);
            }
        });
        server.start();
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    @Test
    void pollReadsTheGoldenImageOverModbusTcp() throws Exception {
        serve("normal-l66-103");

        List<Reading> readings = driver.poll();

        assertReadingsMatchTheImage(readings);
        // a second poll on the same connection reads the same values
        assertReadingsMatchTheImage(driver.poll());
    }

    @Test
    void aMapAtAddressZeroIsFoundAfterTheDeviceRefuses40000() throws Exception {
        serve("marker-at-0-102");

        assertReadingsMatchTheImage(driver.poll());
    }

    @Test
    void aStoppedServerIsUnreachableAndTheDriverRecoversWhenItIsBack() throws Exception {
        serve("normal-l66-103");
        driver.poll();

        server.stop();
        server = null;
        DeviceException down = catchThrowableOfType(DeviceException.class, driver::poll);
        DeviceException stillDown = catchThrowableOfType(DeviceException.class, driver::poll);
        startServer();
        List<Reading> readings = driver.poll();

        assertThat(down).isNotNull();
        assertThat(down.kind()).isEqualTo(DeviceException.Kind.UNREACHABLE);
        assertThat(stillDown).isNotNull();
        assertThat(stillDown.kind()).isEqualTo(DeviceException.Kind.UNREACHABLE);
        assertReadingsMatchTheImage(readings);
    }

    private void assertReadingsMatchTheImage(List<Reading> polled) {
        // Samples only: a poll may also carry a statusChange event.
        List<Reading> readings = polled.stream().filter(r -> r.attrs().isEmpty()).toList();
        Map<String, Double> values = readings.stream().collect(Collectors.toMap(Reading::point, Reading::value));
        assertThat(values.keySet()).isEqualTo(served.expectedValues().keySet());
        served.expectedValues().forEach((point, value) -> assertThat(values.get(point)).as(point).isCloseTo(value, within(1e-9)));
        assertThat(readings).allSatisfy(r -> {
            assertThat(r.seq()).isZero();
            assertThat(r.ts()).isEqualTo(NOW);
            assertThat(r.device()).isEqualTo("pv-gymnase");
            assertThat(r.quality()).isEqualTo(Quality.GOOD);
        });
    }
}
