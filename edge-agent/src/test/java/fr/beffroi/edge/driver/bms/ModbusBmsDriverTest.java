package fr.beffroi.edge.driver.bms;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import fr.beffroi.edge.driver.DeviceException;
import fr.beffroi.edge.driver.DeviceException.Kind;
import fr.beffroi.edge.driver.modbus.RegisterLink;
import fr.beffroi.edge.driver.modbus.UnwritableRegistersException;
import fr.beffroi.profiles.codec.sunspec.UnreadableRegistersException;
import fr.beffroi.profiles.load.ProfileLoader;
import fr.beffroi.profiles.model.DeviceProfile;
import fr.beffroi.profiles.wire.Quality;
import fr.beffroi.profiles.wire.Reading;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** The driver against a register-level fake loaded from the golden dump {@code bms/school-two-zones.json}. */
class ModbusBmsDriverTest {

    private static final DeviceProfile PROFILE = new ProfileLoader().load("bms", "modbus-building");
    private static final Instant NOW = Instant.parse("2027-01-12T09:00:00Z");
    private static final int ZONE2_SETPOINT = 16 + 12 + 1;

    private final Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
    private final JsonNode dump = load("school-two-zones");
    private final FakeController device = new FakeController(words(dump));
    private final ModbusBmsDriver driver = new ModbusBmsDriver("bms-ecole", device, PROFILE, clock);

    /** A controller's holding registers: reads past {@code size} are refused, writes land in the map. */
    private static final class FakeController implements RegisterLink.Opener {
        final Map<Integer, Short> words;
        final List<String> requests = new ArrayList<>();
        final int size;
        boolean reachable = true;
        boolean refuseWrites;
        int opens;

        FakeController(Map<Integer, Short> image) {
            words = new HashMap<>(image);
            size = image.size();
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
                    requests.add("read " + address + ":" + count);
                    if (address + count > size) {
                        throw new UnreadableRegistersException("illegal data address " + address);
                    }
                    short[] out = new short[count];
                    for (int i = 0; i < count; i++) {
                        out[i] = words.get(address + i);
                    }
                    return out;
                }

                @Override
                public void write(int address, short[] values) throws IOException {
                    if (!reachable) {
                        throw new IOException("connection reset");
                    }
                    if (refuseWrites) {
                        throw new UnwritableRegistersException("ILLEGAL_DATA_VALUE");
                    }
                    requests.add("write " + address + ":" + values.length);
                    for (int i = 0; i < values.length; i++) {
                        words.put(address + i, values[i]);
                    }
                }

                @Override
                public void close() {
                }
            };
        }
    }

    @Test
    void firstPollLearnsTheZoneCountThenEveryPollIsOneRead() throws DeviceException {
        List<Reading> first = driver.poll();
        List<Reading> second = driver.poll();

        assertThat(device.requests).containsExactly("read 0:8", "read 0:38", "read 0:38");
        assertThat(second).isEqualTo(first);
        Map<String, Reading> byPoint = new TreeMap<>();
        first.forEach(r -> byPoint.put(r.point(), r));
        assertThat(byPoint).hasSize(dump.get("expected").get("readings").size());
        for (JsonNode e : dump.get("expected").get("readings")) {
            Reading r = byPoint.get(e.get("point").textValue());
            assertThat(r).as(e.get("point").textValue()).isNotNull();
            assertThat(r.value()).as(r.point()).isEqualTo(e.get("value").doubleValue());
            assertThat(r.unit()).isEqualTo(e.get("unit").textValue());
            assertThat(r.quality()).isEqualTo(Quality.valueOf(e.get("quality").textValue()));
            assertThat(r.device()).isEqualTo("bms-ecole");
            assertThat(r.ts()).isEqualTo(NOW);
            assertThat(r.seq()).isZero();
        }
    }

    @Test
    void aValidCommandIsWrittenAtThePointsRegister() throws DeviceException {
        driver.write("zone2.setpoint", 20.5);
        driver.write("zone2.mode", 3);

        assertThat(device.words.get(ZONE2_SETPOINT)).isEqualTo((short) 205);
        assertThat(device.words.get(ZONE2_SETPOINT + 1)).isEqualTo((short) 3);
        assertThat(driver.poll()).filteredOn(r -> r.point().equals("zone2.setpoint"))
                .singleElement().extracting(Reading::value).isEqualTo(20.5);
    }

    @Test
    void commandsTheProfileRefusesNeverReachTheWire() {
        Map<String, Double> refused = Map.of(
                "zone1.roomTemp", 21.0,
                "zone1.setpoint", 30.0,
                "zone1.mode", 7.0,
                "zone1.light1", 2.0,
                "zone3.setpoint", 19.0);

        Map<String, String> reasons = new TreeMap<>();
        refused.forEach((point, value) -> {
            DeviceException e = catchThrowableOfType(DeviceException.class, () -> driver.write(point, value));
            assertThat(e.kind()).as(point).isEqualTo(Kind.CONFIGURATION);
            reasons.put(point, e.getMessage());
        });

        assertThat(device.requests).noneMatch(r -> r.startsWith("write"));
        assertThat(reasons.get("zone1.roomTemp")).isEqualTo(
                "device bms-ecole: refused to write zone1.roomTemp: point 'roomTemp' is not writable");
        assertThat(reasons.get("zone1.setpoint")).isEqualTo(
                "device bms-ecole: refused to write zone1.setpoint: point 'setpoint': 30.0 outside 5.0..25.0 Cel");
        assertThat(reasons.get("zone1.mode")).contains("7.0 is none of");
        assertThat(reasons.get("zone1.light1")).contains("2.0 outside 0.0..1.0");
        assertThat(reasons.get("zone3.setpoint")).isEqualTo(
                "device bms-ecole has no point 'zone3.setpoint' (profile modbus-building, {zone=2})");
    }

    @Test
    void aWriteTheDeviceRefusesIsConfigurationAndKeepsTheConnection() throws DeviceException {
        driver.poll();
        device.refuseWrites = true;

        DeviceException e = catchThrowableOfType(DeviceException.class, () -> driver.write("zone1.light1", 1));

        assertThat(e.kind()).isEqualTo(Kind.CONFIGURATION);
        assertThat(e.getMessage()).isEqualTo("device bms-ecole refused zone1.light1 = 1.0: ILLEGAL_DATA_VALUE");
        driver.poll();
        assertThat(device.opens).isEqualTo(1);
    }

    @Test
    void anUnreachableDeviceIsReportedThenRediscoveredOnRecovery() throws DeviceException {
        driver.poll();
        device.reachable = false;

        DeviceException down = catchThrowableOfType(DeviceException.class, driver::poll);
        DeviceException stillDown = catchThrowableOfType(DeviceException.class, driver::poll);
        device.reachable = true;
        List<Reading> back = driver.poll();

        assertThat(down.kind()).isEqualTo(Kind.UNREACHABLE);
        assertThat(down.getMessage()).isEqualTo("device bms-ecole: connection reset");
        assertThat(stillDown.getMessage()).isEqualTo("device bms-ecole: connection refused");
        assertThat(back).hasSize(24);
        assertThat(device.opens).isEqualTo(2);
        assertThat(device.requests).endsWith("read 0:8", "read 0:38");
    }

    @Test
    void aZoneCountThatChangesFailsThePollAndTheNextOneLaysTheMapOutAgain() throws DeviceException {
        driver.poll();
        device.words.put(0, (short) 1);

        DeviceException changed = catchThrowableOfType(DeviceException.class, driver::poll);
        List<Reading> after = driver.poll();

        assertThat(changed.kind()).isEqualTo(Kind.PROTOCOL);
        assertThat(changed.getMessage()).isEqualTo("device bms-ecole: instance counts changed from {zone=2} to {zone=1}");
        assertThat(after).noneMatch(r -> r.point().startsWith("zone2."));
        assertThat(device.requests).endsWith("read 0:8", "read 0:26");
    }

    @Test
    void aZoneCountTheMapHasNoRoomForIsConfiguration() {
        device.words.put(0, (short) 40);

        DeviceException e = catchThrowableOfType(DeviceException.class, driver::poll);

        assertThat(e.kind()).isEqualTo(Kind.CONFIGURATION);
        assertThat(e.getMessage()).isEqualTo("device bms-ecole does not fit profile modbus-building: "
                + "'zoneCount' = 40.0 (GOOD): block 'zone' has room for 0..32");
    }

    @Test
    void registersTheDeviceRefusesAreConfiguration() {
        device.words.put(0, (short) 3); // claims a third zone its map does not serve

        DeviceException e = catchThrowableOfType(DeviceException.class, driver::poll);

        assertThat(e.kind()).isEqualTo(Kind.CONFIGURATION);
        assertThat(e.getMessage()).startsWith("device bms-ecole refused registers that profile modbus-building maps: ");
    }

    private static Map<Integer, Short> words(JsonNode dump) {
        Map<Integer, Short> words = new HashMap<>();
        for (JsonNode range : dump.get("registers")) {
            int address = range.get("address").intValue();
            for (JsonNode row : range.get("words")) {
                for (String word : row.textValue().trim().split("\\s+")) {
                    words.put(address++, (short) Integer.parseInt(word, 16));
                }
            }
        }
        return words;
    }

    private static JsonNode load(String name) {
        try (InputStream in = ModbusBmsDriverTest.class.getResourceAsStream("/bms/" + name + ".json")) {
            return new ObjectMapper().readTree(in);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
