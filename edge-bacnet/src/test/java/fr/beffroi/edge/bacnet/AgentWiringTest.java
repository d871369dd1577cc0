package fr.beffroi.edge.bacnet;

import fr.beffroi.edge.app.AgentConfig;
import fr.beffroi.edge.app.ConfigLoader;
import fr.beffroi.edge.app.DefaultDriverFactory;
import fr.beffroi.edge.app.DriverContext;
import fr.beffroi.edge.driver.DeviceDriver;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

import static org.assertj.core.api.Assertions.assertThat;

/** With this module on the class path, the agent's config takes {@code bms-bacnet-ip} devices and makes their driver. */
class AgentWiringTest {
    @Test
    void theAgentMakesABacnetDriverFromItsConfig() throws Exception {
        AgentConfig config = ConfigLoader.parse("""
                gateway: {id: gw1, tenant: t1}
                uplink: {url: "tcp://127.0.0.1:1883"}
                buffer: {path: buffer.db}
                devices:
                  - {id: ecole, driver: bms-bacnet-ip, remoteHost: 127.0.0.1, remoteInstance: 1201, zones: 2, timeout: 3s}
                """);
        Clock clock = Clock.fixed(Instant.parse("2026-01-12T05:00:00Z"), ZoneOffset.UTC);

        try (DeviceDriver driver = new DefaultDriverFactory(clock).create(config.devices().get(0),
                new DriverContext(f -> { }, Path.of(".")))) {
            assertThat(driver).isInstanceOf(BacnetBmsDriver.class);
            assertThat(((BacnetBmsDriver) driver).points()).isEqualTo(BacnetPoint.buildingMap(2));
        }
    }
}
