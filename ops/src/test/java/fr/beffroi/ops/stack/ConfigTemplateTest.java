package fr.beffroi.ops.stack;

import fr.beffroi.edge.app.AgentConfig;
import fr.beffroi.edge.app.ConfigLoader;
import fr.beffroi.edge.app.DeviceConfig;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ConfigTemplateTest {
    private static final Map<String, String> BUILDING = Map.of("mqttPort", "1883", "bufferPath", "/tmp/b.db",
            "pvPort", "1502", "bmsPort", "2502", "probeUri", "coap://127.0.0.1:5683/level", "pollInterval", "1000ms",
            "badgePort", "/dev/ttyAMA0", "gpioPlatform", "raspberrypi", "gymBmsPort", "3502",
            "rulesFile", shippedRules().toString());
    private static final Map<String, String> TRUCK = Map.of("mqttPort", "1883", "bufferPath", "/tmp/t.db",
            "rfidPort", "/dev/ttyUSB0", "gpsPort", "/dev/ttyUSB1", "cameraUri", "http://192.168.8.20:8080",
            "pollInterval", "1000ms");

    /** The commune's shipped rule file, which the building gateway's config names. */
    private static java.nio.file.Path shippedRules() {
        try {
            return java.nio.file.Path.of(ConfigTemplateTest.class.getClassLoader().getResource("rules/liancourt.yaml").toURI());
        } catch (java.net.URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void theShippedBuildingGatewayIsAValidAgentConfigOnceFilled() throws Exception {
        AgentConfig config = ConfigLoader.parse(ConfigTemplate.gateway("building").fill(BUILDING));

        assertThat(config.gateway().id()).isEqualTo("gw-mairie");
        assertThat(config.devices()).extracting(DeviceConfig::driver).containsExactly(
                "sunspec-modbus-tcp", "sunspec-modbus-tcp", "bms-modbus-tcp", "bms-modbus-tcp", "groundwater-coap-senml",
                "door-lock-gpio");
        assertThat(config.rules().file()).isPresent();
    }

    @Test
    void theShippedTruckGatewayIsAValidAgentConfigOnceFilled() throws Exception {
        AgentConfig config = ConfigLoader.parse(ConfigTemplate.gateway("truck").fill(TRUCK));

        assertThat(config.gateway().id()).isEqualTo("gw-bom-12");
        assertThat(config.devices()).extracting(DeviceConfig::driver).containsExactly(
                "waste-binlift-rfid", "waste-nmea-gps", "waste-hopper-camera-http");
    }

    @Test
    void refusesAMissingOrAnUnusedValueNamingThem() {
        Map<String, String> missing = new java.util.HashMap<>(BUILDING);
        missing.remove("bmsPort");
        missing.put("typo", "x");

        assertThatThrownBy(() -> ConfigTemplate.gateway("building").fill(missing))
                .hasMessageContaining("gateways/building.yaml")
                .hasMessageContaining("without a value [bmsPort]")
                .hasMessageContaining("without a placeholder [typo]");
    }
}
