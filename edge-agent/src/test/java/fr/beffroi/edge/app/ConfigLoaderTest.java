package fr.beffroi.edge.app;

import fr.beffroi.edge.buffer.WhenFull;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ConfigLoaderTest {
    static final String FULL = """
            gateway:
              id: gw-mairie
              tenant: liancourt
            uplink:
              url: tcp://127.0.0.1:1883
              username: gw-mairie-user
              password:
                env: BEFFROI_MQTT_PASSWORD
              batchMaxReadings: 200
              maxInFlightBatches: 2
              ackTimeout: 15s
              sessionExpiry: 1h
              reconnect:
                backoffMin: 250ms
                backoffMax: 1m
            buffer:
              path: /var/lib/beffroi/buffer.db
              maxReadings: 1000000
              whenFull: refuse-new
            metrics:
              port: 9464
            devices:
              - id: pv-salle-des-fetes
                driver: sunspec-modbus-tcp
                host: 192.168.10.20
                port: 502
                unitId: 1
                pollInterval: 5s
                timeout: 2s
            """;

    @Test
    void readsEveryKeyIntoTypedRecords() throws ConfigException {
        AgentConfig c = ConfigLoader.parse(FULL);

        assertThat(c.gateway()).isEqualTo(new GatewayConfig("gw-mairie", "liancourt"));
        assertThat(c.uplink().url()).isEqualTo("tcp://127.0.0.1:1883");
        assertThat(c.uplink().username()).isEqualTo("gw-mairie-user");
        assertThat(c.uplink().password()).contains(PasswordSource.fromEnv("BEFFROI_MQTT_PASSWORD"));
        assertThat(c.uplink().batchMaxReadings()).isEqualTo(200);
        assertThat(c.uplink().maxInFlightBatches()).isEqualTo(2);
        assertThat(c.uplink().ackTimeout()).isEqualTo(Duration.ofSeconds(15));
        assertThat(c.uplink().sessionExpiry()).isEqualTo(Duration.ofHours(1));
        assertThat(c.uplink().reconnectBackoffMin()).isEqualTo(Duration.ofMillis(250));
        assertThat(c.uplink().reconnectBackoffMax()).isEqualTo(Duration.ofMinutes(1));
        assertThat(c.buffer()).isEqualTo(new BufferConfig(Path.of("/var/lib/beffroi/buffer.db"), 1_000_000, WhenFull.REFUSE_NEW));
        assertThat(c.metrics()).isEqualTo(new MetricsConfig("127.0.0.1", 9464));
        assertThat(c.devices()).containsExactly(new DeviceConfig("pv-salle-des-fetes", "sunspec-modbus-tcp",
                new DeviceAddress.Tcp("192.168.10.20", 502, 1), Duration.ofSeconds(5), Duration.ofSeconds(2)));
        // no commands section: the command log sits beside the buffer
        assertThat(c.commands()).isEqualTo(new CommandsConfig(Path.of("/var/lib/beffroi/commands.db"),
                CommandsConfig.DEFAULT_RESEND_AFTER));
    }

    @Test
    void theShippedExampleIsValid() throws ConfigException {
        AgentConfig c = ConfigLoader.load(Path.of("config/gateway.example.yaml"));

        assertThat(c.gateway().id()).isEqualTo("gw-mairie-liancourt");
        assertThat(c.uplink().sessionExpiry()).isEqualTo(Duration.ofDays(7));
        assertThat(c.commands()).isEqualTo(new CommandsConfig(Path.of("/var/lib/beffroi/commands.db"),
                Duration.ofSeconds(30)));
        assertThat(c.devices()).extracting(DeviceConfig::driver).containsExactly("sunspec-modbus-tcp", "bms-modbus-tcp",
                "groundwater-modbus-rtu", "groundwater-coap-senml");
        assertThat(c.rules()).isEqualTo(new RulesConfig(Optional.of(Path.of("config/liancourt-rules.example.yaml")),
                Path.of("/var/lib/beffroi/rule-state.db")));
        assertThat(c.access()).isEqualTo(new AccessConfig(Path.of("/var/lib/beffroi/access.db")));
    }

    @Test
    void withoutRulesNorAccessTheirFilesSitBesideTheBuffer() throws ConfigException {
        AgentConfig c = ConfigLoader.parse("""
                gateway: {id: gw1, tenant: t1}
                uplink: {url: "tcp://127.0.0.1:1883"}
                buffer: {path: /var/lib/beffroi/buffer.db}
                """);

        assertThat(c.rules()).isEqualTo(new RulesConfig(Optional.empty(), Path.of("/var/lib/beffroi/rule-state.db")));
        assertThat(c.access()).isEqualTo(new AccessConfig(Path.of("/var/lib/beffroi/access.db")));
    }

    @Test
    void aBadRuleFileOrAnotherTenantsRefusesTheConfigWithTheLoadersMessages(@TempDir Path dir) throws Exception {
        Path bad = dir.resolve("bad.yaml");
        Files.writeString(bad, """
                tenant: t1
                rules:
                  - id: r1
                    runs: edge
                    inputs: {x: {device: d, point: p}}
                    if: "y > 1.0"
                    then: [ {alert: {message: hi}} ]
                """);
        Path other = dir.resolve("other.yaml");
        Files.writeString(other, """
                tenant: t2
                rules:
                  - {id: r1, inputs: {x: {device: d, point: p}}, then: [ {alert: {message: hi}} ]}
                """);
        String base = """
                gateway: {id: gw1, tenant: t1}
                uplink: {url: "tcp://127.0.0.1:1883"}
                buffer: {path: buffer.db}
                rules: {file: "%s"}
                """;

        assertThat(catchThrowableOfType(() -> ConfigLoader.parse(base.formatted(bad)), ConfigException.class).problems())
                .singleElement().satisfies(p -> assertThat(p).startsWith("rules.file: ").contains("bad.yaml:6:")
                        .contains("undeclared reference to 'y'"));
        assertThat(catchThrowableOfType(() -> ConfigLoader.parse(base.formatted(other)), ConfigException.class).problems())
                .containsExactly("rules.file: " + other + " is tenant t2's rule file, this gateway is t1's");
        assertThat(catchThrowableOfType(() -> ConfigLoader.parse(base.formatted(dir.resolve("none.yaml"))),
                ConfigException.class).problems()).singleElement().satisfies(p -> assertThat(p).contains("none.yaml"));
    }

    @Test
    void fillsDefaultsAndTakesTheGatewayIdAsUsername() throws ConfigException {
        AgentConfig c = ConfigLoader.parse("""
                gateway: {id: gw1, tenant: t1}
                uplink: {url: "tcp://127.0.0.1:1883"}
                buffer: {path: buffer.db}
                devices:
                  - {id: inv1, driver: sunspec-modbus-tcp, host: 127.0.0.1}
                """);

        assertThat(c.uplink().username()).isEqualTo("gw1");
        assertThat(c.uplink().password()).isEmpty();
        assertThat(c.uplink().batchMaxReadings()).isEqualTo(ConfigLoader.DEFAULT_BATCH_MAX_READINGS);
        assertThat(c.uplink().ackTimeout()).isEqualTo(ConfigLoader.DEFAULT_ACK_TIMEOUT);
        assertThat(c.buffer().whenFull()).isEqualTo(WhenFull.REFUSE_NEW);
        assertThat(c.metrics().enabled()).isFalse();
        assertThat(c.devices().get(0).address()).isEqualTo(new DeviceAddress.Tcp("127.0.0.1", 502, 1));
        assertThat(c.devices().get(0).pollInterval()).isEqualTo(ConfigLoader.DEFAULT_POLL_INTERVAL);
    }

    @Test
    void eachDriverReadsTheAddressFormOfItsTransport() throws ConfigException {
        AgentConfig c = ConfigLoader.parse("""
                gateway: {id: gw1, tenant: t1}
                uplink: {url: "tcp://127.0.0.1:1883"}
                buffer: {path: buffer.db}
                devices:
                  - {id: school, driver: bms-modbus-tcp, host: 10.0.0.5, port: 1502, unitId: 3}
                  - {id: probe-rtu, driver: groundwater-modbus-rtu, serialPort: /dev/ttyUSB0, baud: 19200, unitId: 7}
                  - {id: probe-coap, driver: groundwater-coap-senml, uri: "coap://10.0.0.9/level", observe: true}
                """);

        assertThat(c.devices()).extracting(DeviceConfig::address).containsExactly(
                new DeviceAddress.Tcp("10.0.0.5", 1502, 3),
                new DeviceAddress.Serial("/dev/ttyUSB0", 19200, 7),
                new DeviceAddress.Coap(java.net.URI.create("coap://10.0.0.9/level"), true));
    }

    @Test
    void readsTheTruckAndDoorDevicesWithTheirDefaults() throws ConfigException {
        AgentConfig c = ConfigLoader.parse("""
                gateway: {id: truck-12, tenant: t1}
                uplink: {url: "tcp://127.0.0.1:1883"}
                buffer: {path: /var/lib/beffroi/buffer.db}
                gpio: {platform: mock}
                devices:
                  - {id: rfid, driver: waste-binlift-rfid, serialPort: /dev/ttyUSB0, truck: BOM-12, gpsDevice: gps}
                  - {id: gps, driver: waste-nmea-gps, serialPort: /dev/ttyUSB1, baud: 4800}
                  - {id: cam, driver: waste-hopper-camera-http, baseUri: "http://192.168.8.20:8080", matchWindow: 20s}
                  - {id: door, driver: door-lock-gpio, relayPin: 17, contactPin: 27, exitButtonPin: 22, badgePort: /dev/ttyAMA0}
                """);

        assertThat(c.gpio().platform()).hasValue(GpioConfig.Platform.MOCK);
        assertThat(c.devices()).extracting(DeviceConfig::address).containsExactly(
                new DeviceAddress.BinLiftReader("/dev/ttyUSB0", 9600, "BOM-12", Duration.ofSeconds(3),
                        java.util.Optional.of("gps"), Duration.ofSeconds(10),
                        fr.beffroi.edge.driver.waste.TagNormaliser.HexOrder.MSB_FIRST),
                new DeviceAddress.SerialStream("/dev/ttyUSB1", 4800),
                new DeviceAddress.Http(java.net.URI.create("http://192.168.8.20:8080"), Duration.ofSeconds(20),
                        java.util.Optional.empty()),
                new DeviceAddress.GpioDoor(new fr.beffroi.edge.driver.access.DoorPins(17, 27, 22), "/dev/ttyAMA0", 9600,
                        Duration.ofSeconds(5), Duration.ofSeconds(60)));
    }

    @Test
    void refusesBadTruckAndDoorSettingsNamingThem() {
        ConfigException e = catchThrowableOfType(ConfigException.class, () -> ConfigLoader.parse("""
                gateway: {id: truck-12, tenant: t1}
                uplink: {url: "tcp://127.0.0.1:1883"}
                buffer: {path: buffer.db}
                devices:
                  - {id: rfid, driver: waste-binlift-rfid, serialPort: /dev/ttyUSB0, truck: "BOM 12", gpsDevice: nope, liftWindow: 0s, tagHexOrder: LSB}
                  - {id: cam, driver: waste-hopper-camera-http, baseUri: "ftp://cam"}
                  - {id: door, driver: door-lock-gpio, relayPin: 17, contactPin: 17, exitButtonPin: 40, badgePort: /dev/ttyAMA0}
                """));

        assertThat(e.problems()).anyMatch(p -> p.startsWith("devices[0].truck: must be 1 to 32 letters"))
                .anyMatch(p -> p.startsWith("devices[0].liftWindow: must be > 0"))
                .anyMatch(p -> p.startsWith("devices[0].tagHexOrder: must be MSB_FIRST or BIT_REVERSED"))
                .anyMatch(p -> p.startsWith("devices[0].gpsDevice: no device \"nope\" with driver waste-nmea-gps"))
                .anyMatch(p -> p.startsWith("devices[1].baseUri: must be http://"))
                .anyMatch(p -> p.startsWith("devices[2].exitButtonPin: "))
                .anyMatch(p -> p.startsWith("gpio.platform: required when a device uses GPIO lines"));
    }

    @Test
    void aBacnetDeviceNeedsTheOptionalModuleOnTheClassPath() {
        assertThatThrownBy(() -> ConfigLoader.parse("""
                gateway: {id: gw1, tenant: t1}
                uplink: {url: "tcp://127.0.0.1:1883"}
                buffer: {path: buffer.db}
                devices:
                  - {id: ecole, driver: bms-bacnet-ip, remoteHost: 10.0.0.7, remoteInstance: 1201, zones: 2}
                """))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("devices[0].driver: bms-bacnet-ip needs the optional edge-bacnet module (GPL-3.0)");
    }

    @Test
    void refusesKeysOfAnotherTransportAndBadAddressesNamingThem() {
        ConfigException e = catchThrowableOfType(ConfigException.class, () -> ConfigLoader.parse("""
                gateway: {id: gw1, tenant: t1}
                uplink: {url: "tcp://127.0.0.1:1883"}
                buffer: {path: buffer.db}
                devices:
                  - {id: probe-rtu, driver: groundwater-modbus-rtu, host: 10.0.0.5, baud: 12}
                  - {id: probe-coap, driver: groundwater-coap-senml, uri: "http://10.0.0.9/level", observe: "yes"}
                """));

        assertThat(e.problems()).anyMatch(p -> p.startsWith("devices[0].host: unknown key"))
                .anyMatch(p -> p.startsWith("devices[0].serialPort: required"))
                .anyMatch(p -> p.startsWith("devices[0].baud: "))
                .anyMatch(p -> p.startsWith("devices[1].uri: must be coap://"))
                .anyMatch(p -> p.startsWith("devices[1].observe: must be true or false"));
    }

    @Test
    void reportsEveryProblemAtOnceEachNamingItsPath() {
        String bad = """
                gateway: {id: gw1}
                uplink:
                  url: "http://broker"
                  maxInFlightBatches: 0
                  ackTimeout: 30
                  reconnect: {backoffMin: 10s, backoffMax: 1s}
                buffer: {path: b.db, whenFull: drop-oldest}
                metrics: {port: 70000}
                devices:
                  - {id: inv1, driver: sunspec-modbus-tcp, host: 127.0.0.1, pollInterval: 5s}
                  - {id: inv1, driver: bacnet, host: 127.0.0.1, pollInterval: 0s, timeout: 5x}
                """;

        assertThatThrownBy(() -> ConfigLoader.parse(bad))
                .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.problems()).containsExactlyInAnyOrder(
                        "gateway.tenant: required",
                        "uplink.url: must look like tcp://host:port or ssl://host:port, was \"http://broker\"",
                        "uplink.maxInFlightBatches: must be >= 1, was 0",
                        "uplink.ackTimeout: must carry a unit (e.g. 250ms, 5s, 1m), was \"30\"",
                        "uplink.reconnect.backoffMax: must be >= backoffMin (PT10S)",
                        "buffer.whenFull: must be one of [refuse-new], was \"drop-oldest\"",
                        "metrics.port: must be <= 65535, was 70000",
                        "devices[1].id: duplicate device id \"inv1\"",
                        "devices[1].driver: unknown driver \"bacnet\" (known: sunspec-modbus-tcp, bms-modbus-tcp, "
                                + "groundwater-coap-senml, groundwater-modbus-rtu, waste-binlift-rfid, waste-nmea-gps, "
                                + "waste-hopper-camera-http, door-lock-gpio, bms-bacnet-ip)",
                        "devices[1].pollInterval: must be > 0",
                        "devices[1].timeout: \"5x\" is not a duration (e.g. 250ms, 5s, 1m, 1h)"));
    }

    @Test
    void aCaOfItsOwnIsTakenForSslUrlsOnly(@TempDir Path dir) throws Exception {
        Path ca = Files.writeString(dir.resolve("ca.pem"), "pem");
        String yaml = """
                gateway: {id: gw1, tenant: liancourt}
                uplink: {url: "ssl://ingest.cc-example.fr:8883", tls: {ca: %s}}
                buffer: {path: b.db}
                """;

        assertThat(ConfigLoader.parse(yaml.formatted(ca)).uplink().trustedCa()).contains(ca);
        assertThat(ConfigLoader.parse(yaml.formatted(ca).replace("tls: {ca: " + ca + "}", "batchMaxReadings: 10"))
                .uplink().trustedCa()).isEmpty();
        assertThatThrownBy(() -> ConfigLoader.parse(yaml.formatted(dir.resolve("nope.pem")).replace("ssl://", "tcp://")))
                .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.problems()).containsExactlyInAnyOrder(
                        "uplink.tls.ca: not a readable file: " + dir.resolve("nope.pem"),
                        "uplink.tls: set, but url is not ssl:// (or wss://): the CA would never be used"));
    }

    @Test
    void refusesUnknownKeysAtEveryLevelNamingThem() {
        String typos = """
                gateway: {id: gw1, tenant: t1, region: oise}
                uplink: {url: "tcp://127.0.0.1:1883", reconnect: {backofMin: 1s}}
                buffer: {path: b.db}
                devices:
                  - {id: inv1, driver: sunspec-modbus-tcp, host: 127.0.0.1, pollIntervall: 5s}
                extra: true
                """;

        assertThatThrownBy(() -> ConfigLoader.parse(typos))
                .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.problems())
                        .hasSize(4)
                        .anySatisfy(p -> assertThat(p).startsWith("gateway.region: unknown key"))
                        .anySatisfy(p -> assertThat(p).startsWith("uplink.reconnect.backofMin: unknown key"))
                        .anySatisfy(p -> assertThat(p).startsWith("devices[0].pollIntervall: unknown key"))
                        .anySatisfy(p -> assertThat(p).startsWith("extra: unknown key")));
    }

    @Test
    void refusesAPasswordWrittenInTheYamlWithoutEchoingIt() {
        String yaml = """
                gateway: {id: gw1, tenant: t1}
                uplink: {url: "tcp://127.0.0.1:1883", password: "s3cret-value"}
                buffer: {path: b.db}
                """;

        assertThatThrownBy(() -> ConfigLoader.parse(yaml))
                .isInstanceOfSatisfying(ConfigException.class, e -> {
                    assertThat(e.problems()).anySatisfy(p -> assertThat(p).startsWith("uplink.password: must be {env: VARIABLE} or {file: PATH}"));
                    assertThat(e.getMessage()).doesNotContain("s3cret-value");
                });
    }

    @Test
    void listsTheRequiredKeysOfAnEmptyFile() {
        assertThatThrownBy(() -> ConfigLoader.parse(""))
                .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.problems()).containsExactlyInAnyOrder(
                        "gateway.id: required", "gateway.tenant: required", "uplink.url: required", "buffer.path: required"));
    }

    @Test
    void refusesDuplicateKeysAsInvalidYaml() {
        assertThatThrownBy(() -> ConfigLoader.parse("gateway: {id: a, id: b, tenant: t}"))
                .isInstanceOf(ConfigException.class).hasMessageContaining("Duplicate field 'id'");
    }

    @Test
    void resolvesThePasswordFromTheNamedVariableOrReportsTheNameOnly() throws ConfigException {
        PasswordSource source = PasswordSource.fromEnv("MQTT_PW");

        assertThat(source.resolve(Map.of("MQTT_PW", "pw")::get)).isEqualTo("pw".getBytes());
        assertThatThrownBy(() -> source.resolve(Map.<String, String>of()::get))
                .hasMessage("uplink.password.env: environment variable MQTT_PW is not set");
    }


    @Test
    void commandKeysAreReadAndChecked() throws ConfigException {
        String base = FULL + "commands:\n  log: /data/cmd.db\n  resendAfter: %s\n";

        assertThat(ConfigLoader.parse(base.formatted("10s")).commands())
                .isEqualTo(new CommandsConfig(Path.of("/data/cmd.db"), Duration.ofSeconds(10)));
        assertThatThrownBy(() -> ConfigLoader.parse(base.formatted("10ms")))
                .hasMessageContaining("commands.resendAfter");
        assertThatThrownBy(() -> ConfigLoader.parse(FULL + "commands:\n  colour: red\n"))
                .hasMessageContaining("commands.colour");
    }
}
