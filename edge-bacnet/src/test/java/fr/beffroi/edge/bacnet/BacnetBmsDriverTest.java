package fr.beffroi.edge.bacnet;

import fr.beffroi.edge.driver.DeviceException;
import fr.beffroi.edge.driver.DeviceException.Kind;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** What the driver refuses before it opens any socket: a bad config, a bad command. */
class BacnetBmsDriverTest {
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-01-12T05:00:00Z"), ZoneOffset.UTC);

    @Test
    void theReferenceMapFitsTheProfileForEveryZoneCount() {
        for (int zones = 1; zones <= 8; zones++) {
            BacnetBmsDriver d = driver(BacnetPoint.buildingMap(zones));
            assertThat(d.points()).hasSize(5 + 4 * zones);
            d.close();
        }
        assertThatThrownBy(() -> BacnetPoint.buildingMap(9)).hasMessageContaining("zones 1..8");
    }

    @Test
    void everyProblemOfAConfigIsReportedAtOnce() {
        List<BacnetPoint> bad = List.of(
                new BacnetPoint("zone1_temperature", BacnetObjectType.ANALOG_INPUT, 1),
                new BacnetPoint("zone1_temperature", BacnetObjectType.ANALOG_INPUT, 2),
                new BacnetPoint("zone1_setpoint", BacnetObjectType.ANALOG_INPUT, 1),
                new BacnetPoint("zone1_flow", BacnetObjectType.ANALOG_INPUT, 9),
                new BacnetPoint("heat_energy", BacnetObjectType.MULTI_STATE_INPUT, 1));

        assertThatThrownBy(() -> new BacnetBmsDriver("ecole-bms", "127.0.0.1", 0, "127.0.0.1", 47808,
                BacnetBmsDriver.DEFAULT_LOCAL_INSTANCE, bad, Duration.ZERO, CLOCK))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("device ecole-bms")
                .hasMessageContaining("localPort must be in 1..65535")
                .hasMessageContaining("localInstance and remoteInstance are both 4194302")
                .hasMessageContaining("timeout must be in (0, 1 min]")
                .hasMessageContaining("signal zone1_temperature is mapped twice")
                .hasMessageContaining("object AI:1 carries two signals")
                .hasMessageContaining("zone1_setpoint is writable but AI:1 cannot be commanded")
                .hasMessageContaining("profile bacnet-building has no signal 'zone1_flow'")
                .hasMessageContaining("heat_energy is in kW.h but MSI:1 has no units");
    }

    @Test
    void aCommandTheProfileRefusesIsAConfigurationErrorBeforeAnyNetwork() {
        // port 9 (discard) and a timeout: were anything sent, the test would fail with UNREACHABLE
        BacnetBmsDriver d = driver(BacnetPoint.buildingMap(2));

        assertThat(kind(() -> d.write("zone3_setpoint", 19))).isEqualTo(Kind.CONFIGURATION);
        assertThat(kind(() -> d.write("zone1_setpoint", 4.5))).isEqualTo(Kind.CONFIGURATION);
        assertThat(kind(() -> d.write("zone1_mode", 5))).isEqualTo(Kind.CONFIGURATION);
        assertThat(kind(() -> d.write("zone1_presence", 1))).isEqualTo(Kind.CONFIGURATION);
        DeviceException e = catchThrowableOfType(DeviceException.class, () -> d.write("zone1_mode", 1.5));
        assertThat(e.getMessage()).contains("ecole-bms", "zone1_mode", "state number");
        d.close();
    }

    private static BacnetBmsDriver driver(List<BacnetPoint> map) {
        return new BacnetBmsDriver("ecole-bms", "127.0.0.1", 47808, "127.0.0.1", 9, 1201, map,
                Duration.ofMillis(100), CLOCK);
    }

    private static Kind kind(ThrowingRunnable r) {
        try {
            r.run();
            throw new AssertionError("expected a DeviceException");
        } catch (DeviceException e) {
            return e.kind();
        }
    }

    @FunctionalInterface
    private interface ThrowingRunnable {
        void run() throws DeviceException;
    }
}
