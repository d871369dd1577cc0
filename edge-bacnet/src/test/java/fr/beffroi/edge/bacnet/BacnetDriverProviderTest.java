package fr.beffroi.edge.bacnet;

import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The {@code bms-bacnet-ip} keys: defaults, an explicit point map, every problem at once. */
class BacnetDriverProviderTest {
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-01-12T05:00:00Z"), ZoneOffset.UTC);
    private static final Duration TIMEOUT = Duration.ofSeconds(3);

    @Test
    void zonesGiveTheReferenceMap() {
        try (BacnetBmsDriver d = BacnetDriverProvider.create("ecole-bms",
                Map.of("remoteHost", "10.0.0.5", "remoteInstance", "1201", "zones", "5"), TIMEOUT, CLOCK)) {
            assertThat(d.deviceId()).isEqualTo("ecole-bms");
            assertThat(d.points()).isEqualTo(BacnetPoint.buildingMap(5));
        }
    }

    @Test
    void anExplicitPointMapIsParsed() {
        try (BacnetBmsDriver d = BacnetDriverProvider.create("gymnase-bms", Map.of("remoteHost", "10.0.0.6",
                "remoteInstance", "77", "localPort", "47809", "localInstance", "9000",
                "points", "zone1_temperature=AI:3, zone1_setpoint=av:12,zone1_mode=MULTI_STATE_VALUE:4, "
                        + "heat_energy=ACC:2"), TIMEOUT, CLOCK)) {
            assertThat(d.points()).containsExactly(
                    new BacnetPoint("zone1_temperature", BacnetObjectType.ANALOG_INPUT, 3),
                    new BacnetPoint("zone1_setpoint", BacnetObjectType.ANALOG_VALUE, 12),
                    new BacnetPoint("zone1_mode", BacnetObjectType.MULTI_STATE_VALUE, 4),
                    new BacnetPoint("heat_energy", BacnetObjectType.ACCUMULATOR, 2));
        }
    }

    @Test
    void everyBadMissingOrUnknownKeyIsReportedAtOnce() {
        assertThatThrownBy(() -> BacnetDriverProvider.create("ecole-bms", Map.of("remoteInstance", "twelve",
                "remotePort", "47808", "zones", "9", "points", "x", "unitId", "1"), TIMEOUT, CLOCK))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("device ecole-bms (bms-bacnet-ip)")
                .hasMessageContaining("unknown key 'unitId'")
                .hasMessageContaining("remoteHost: required")
                .hasMessageContaining("remoteInstance: 'twelve' is not a whole number")
                .hasMessageContaining("give exactly one of 'zones' and 'points'");

        List<String> problems = new java.util.ArrayList<>();
        BacnetDriverProvider.parsePoints("zone1_temperature=XX:1, zone1_setpoint, zone1_mode=MSV:-1", problems);
        assertThat(problems).hasSize(3);
        assertThat(problems.get(0)).contains("unknown BACnet object type 'XX'");
        assertThat(problems.get(1)).contains("not signal=TYPE:instance");
        assertThat(problems.get(2)).contains("instance must be in 0..4194302");
    }

    @Test
    void everyKeyIsDocumented() {
        assertThat(BacnetDriverProvider.KEYS).containsOnlyKeys("remoteHost", "remoteInstance", "remotePort",
                "localBind", "localPort", "localInstance", "zones", "points");
    }
}
