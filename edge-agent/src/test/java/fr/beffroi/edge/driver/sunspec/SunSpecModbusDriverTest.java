package fr.beffroi.edge.driver.sunspec;

import fr.beffroi.edge.driver.DeviceException;
import fr.beffroi.edge.driver.DeviceException.Kind;
import fr.beffroi.edge.driver.modbus.RegisterLink;
import fr.beffroi.profiles.load.ProfileLoader;
import fr.beffroi.profiles.model.DeviceProfile;
import fr.beffroi.profiles.wire.Quality;
import fr.beffroi.profiles.wire.Reading;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.api.Assertions.within;

/** The driver's scan, caching and failure handling, against register images instead of a socket. */
class SunSpecModbusDriverTest {

    private static final DeviceProfile PROFILE = new ProfileLoader().load("pv", "sunspec-inverter");
    private static final Instant NOW = Instant.parse("2026-06-21T10:15:00Z");
    private final Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);

    /** A fake device: a register map that reads as 0 where unset, and can be unplugged. */
    private static final class FakeDevice implements RegisterLink.Opener {
        final Map<Integer, Short> words = new HashMap<>();
        final List<String> requests = new ArrayList<>();
        boolean reachable = true;
        int opens;
        int closes;

        FakeDevice(Map<Integer, Short> image) {
            words.putAll(image);
        }

        @Override
        public RegisterLink open() throws IOException {
            if (!reachable) {
                throw new IOException("connection refused");
            }
            opens++;
            return new RegisterLink() {
                @Override
                public short[] read(int address, int count) throws IOException {
                    if (!reachable) {
                        throw new IOException("connection reset");
                    }
                    requests.add(address + ":" + count);
                    short[] out = new short[count];
                    for (int i = 0; i < count; i++) {
                        out[i] = words.getOrDefault(address + i, (short) 0);
                    }
                    return out;
                }

                @Override
                public void write(int address, short[] values) throws IOException {
                    throw new IOException("the SunSpec driver never writes");
                }

                @Override
                public void close() {
                    closes++;
                }
            };
        }
    }

    private SunSpecModbusDriver driver(FakeDevice device) {
        return new SunSpecModbusDriver("pv-gymnase", device, PROFILE, clock);
    }

    @Test
    void pollReturnsTheGoldenReadingsStampedByTheClockWithSequenceZero() throws Exception {
        RegisterImage image = RegisterImage.load("normal-l66-103");
        SunSpecModbusDriver driver = driver(new FakeDevice(image.words));

        List<Reading> all = driver.poll();
        // The first poll also reports the state it found, as the profile's statusChange event.
        List<Reading> events = all.stream().filter(r -> !r.attrs().isEmpty()).toList();
        assertThat(events).singleElement().satisfies(e -> {
            assertThat(e.point()).isEqualTo("statusChange");
            assertThat(e.attrs()).containsEntry("point", "St").containsEntry("from", "?");
        });
        List<Reading> readings = all.stream().filter(r -> r.attrs().isEmpty()).toList();

        assertThat(all).allSatisfy(r -> {
            assertThat(r.seq()).isZero();
            assertThat(r.device()).isEqualTo("pv-gymnase");
            assertThat(r.ts()).isEqualTo(NOW);
            assertThat(r.quality()).isEqualTo(Quality.GOOD);
        });
        Map<String, Double> values = readings.stream().collect(Collectors.toMap(Reading::point, Reading::value));
        assertThat(values.keySet()).isEqualTo(image.expectedValues().keySet());
        image.expectedValues().forEach((point, value) -> assertThat(values.get(point)).as(point).isCloseTo(value, within(1e-9)));
        assertThat(readings.stream().collect(Collectors.toMap(Reading::point, Reading::unit))).isEqualTo(image.expectedUnits());
    }

    @Test
    void theModelMapIsScannedOncePerConnectionAndEachPollIsOneRead() throws Exception {
        FakeDevice device = new FakeDevice(RegisterImage.load("old-l65-103").words);
        SunSpecModbusDriver driver = driver(device);
        driver.poll();
        device.requests.clear();

        driver.poll();
        driver.poll();

        // model 103 sits at 40069 on this L=65 device, and is read whole (ID, L and 50 registers)
        assertThat(device.requests).containsExactly("40069:52", "40069:52");
        assertThat(device.opens).isEqualTo(1);
    }

    @Test
    void anUnreachableDeviceIsUnreachableAndTheNextPollReconnectsAndRescans() throws Exception {
        FakeDevice device = new FakeDevice(RegisterImage.load("normal-l66-103").words);
        SunSpecModbusDriver driver = driver(device);
        driver.poll();

        device.reachable = false;
        DeviceException lost = catchThrowableOfType(DeviceException.class, driver::poll);
        DeviceException refused = catchThrowableOfType(DeviceException.class, driver::poll);
        device.reachable = true;
        device.requests.clear();
        List<Reading> readings = driver.poll();

        assertThat(lost.kind()).isEqualTo(Kind.UNREACHABLE);
        assertThat(refused.kind()).isEqualTo(Kind.UNREACHABLE);
        assertThat(device.closes).isEqualTo(1);
        assertThat(device.opens).isEqualTo(2);
        assertThat(device.requests).first().isEqualTo("40000:2");
        assertThat(readings).isNotEmpty();
    }

    @Test
    void noMarkerIsAProtocolErrorAndClosesTheConnection() {
        FakeDevice device = new FakeDevice(Map.of());

        DeviceException e = catchThrowableOfType(DeviceException.class, driver(device)::poll);

        assertThat(e.kind()).isEqualTo(Kind.PROTOCOL);
        assertThat(e.getMessage()).contains("pv-gymnase").contains("no SunSpec marker");
        assertThat(device.closes).isEqualTo(1);
    }

    @Test
    void aDeviceWithoutAnInverterModelIsAConfigurationError() {
        Map<Integer, Short> image = new HashMap<>();
        int[] words = {0x5375, 0x6E53, 1, 66};
        for (int i = 0; i < words.length; i++) {
            image.put(40000 + i, (short) words[i]);
        }
        image.put(40070, (short) 0xFFFF); // end marker right after the common model
        FakeDevice device = new FakeDevice(image);

        DeviceException e = catchThrowableOfType(DeviceException.class, driver(device)::poll);

        assertThat(e.kind()).isEqualTo(Kind.CONFIGURATION);
        assertThat(e.getMessage()).contains("[103, 102, 101]");
    }

    @Test
    void aModelThatMovedSinceTheScanIsAProtocolErrorAndForcesARescan() throws Exception {
        FakeDevice device = new FakeDevice(RegisterImage.load("normal-l66-103").words);
        SunSpecModbusDriver driver = driver(device);
        driver.poll();
        device.words.put(40070, (short) 120); // another model now where 103 was

        DeviceException e = catchThrowableOfType(DeviceException.class, driver::poll);

        assertThat(e.kind()).isEqualTo(Kind.PROTOCOL);
        assertThat(device.closes).isEqualTo(1);
    }

    @Test
    void aDeviceWithTheMpptExtensionIsReadInOneMoreRequestWithOneReadingSetPerModule() throws Exception {
        RegisterImage image = RegisterImage.load("mppt2-l66-103-160");
        FakeDevice device = new FakeDevice(image.words);
        SunSpecModbusDriver driver = driver(device);
        driver.poll();
        device.requests.clear();

        List<Reading> readings = driver.poll();

        assertThat(device.requests).containsExactly("40070:52", "40122:50");
        Map<String, Reading> byPoint = readings.stream().collect(Collectors.toMap(Reading::point, r -> r));
        image.expected.get("mppt").forEach(want -> {
            Reading got = byPoint.get(want.get("point").textValue());
            assertThat(got).as(want.get("point").textValue()).isNotNull();
            assertThat(got.value()).as(got.point()).isCloseTo(want.get("value").doubleValue(), within(1e-9));
            assertThat(got.unit()).isEqualTo(want.get("unit").textValue());
            assertThat(got.quality()).isEqualTo(Quality.valueOf(want.get("quality").textValue()));
        });
        assertThat(byPoint).containsKeys("W", "St", "mppt1.DCW", "mppt2.DCW").doesNotContainKey("mppt1.IDStr");
    }

    @Test
    void anMpptCountThatOverrunsTheBlockIsAProtocolError() {
        RegisterImage image = RegisterImage.load("mppt2-l66-103-160");
        FakeDevice device = new FakeDevice(image.words);
        device.words.put(40122 + 8, (short) 3); // N = 3 where L = 48 holds two modules

        DeviceException e = catchThrowableOfType(DeviceException.class, driver(device)::poll);

        assertThat(e.kind()).isEqualTo(Kind.PROTOCOL);
        assertThat(e.getMessage()).contains("pv-gymnase").contains("model 160").contains("announces 3 mppt");
    }

    @Test
    void stateAndEventChangesAreReportedOncePerTransition() throws Exception {
        FakeDevice device = new FakeDevice(RegisterImage.load("normal-l66-103").words);
        List<StatusTransition> seen = new ArrayList<>();
        SunSpecModbusDriver driver = new SunSpecModbusDriver("pv-gymnase", device, PROFILE, clock, seen::add);
        int st = 40070 + 38;
        int evt1Low = 40070 + 41;

        driver.poll();
        driver.poll();
        device.words.put(st, (short) 7); // FAULT
        device.words.put(evt1Low, (short) 0x0001); // GROUND_FAULT
        driver.poll();
        driver.poll();
        device.words.put(evt1Low, (short) 0x0081); // + OVER_TEMP
        driver.poll();
        device.words.put(st, (short) 4);
        device.words.put(evt1Low, (short) 0);
        driver.poll();
        driver.poll();

        assertThat(seen).containsExactly(
                new StatusTransition("pv-gymnase", "St", "?", "MPPT"),
                new StatusTransition("pv-gymnase", "St", "MPPT", "FAULT"),
                new StatusTransition("pv-gymnase", "Evt1", "[]", "[GROUND_FAULT]"),
                new StatusTransition("pv-gymnase", "Evt1", "[GROUND_FAULT]", "[GROUND_FAULT, OVER_TEMP]"),
                new StatusTransition("pv-gymnase", "St", "FAULT", "MPPT"),
                new StatusTransition("pv-gymnase", "Evt1", "[GROUND_FAULT, OVER_TEMP]", "[]"));
    }
}
