package fr.beffroi.edge.app;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import fr.beffroi.edge.buffer.WhenFull;
import fr.beffroi.edge.driver.access.DoorPins;
import fr.beffroi.edge.driver.waste.TagNormaliser;
import fr.beffroi.rules.model.RuleSet;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Reads the gateway YAML into an {@link AgentConfig}. Jackson parses the YAML (duplicate keys
 * refused); the tree is then walked key by key so that every problem is collected, each named by
 * its path, instead of stopping at the first one as data binding would. Defaults live here, next
 * to their bounds.
 */
public final class ConfigLoader {
    static final int DEFAULT_BATCH_MAX_READINGS = 500;
    /**
     * Batches out and unacknowledged. A gateway draining a backlog keeps this many in the ingest's
     * hands: with 4, the ingest's transactions (up to 5,000 rows) ran part empty while the acks
     * travelled, and the ingest bench gave 0.75 of raw COPY against 0.87 with 8. A rewind resends
     * at most these (the cloud deduplicates them); the readings themselves stay in the buffer.
     */
    static final int DEFAULT_MAX_IN_FLIGHT_BATCHES = 8;
    static final Duration DEFAULT_ACK_TIMEOUT = Duration.ofSeconds(30);
    static final Duration DEFAULT_RECONNECT_MIN = Duration.ofSeconds(1);
    static final Duration DEFAULT_RECONNECT_MAX = Duration.ofMinutes(2);
    static final Duration DEFAULT_SESSION_EXPIRY = Duration.ofDays(7);
    static final long DEFAULT_BUFFER_MAX_READINGS = 5_000_000;
    static final int DEFAULT_MODBUS_PORT = 502;
    static final int DEFAULT_UNIT_ID = 1;
    static final int DEFAULT_BAUD = 9600;
    static final Duration DEFAULT_POLL_INTERVAL = Duration.ofSeconds(10);
    static final Duration DEFAULT_DEVICE_TIMEOUT = Duration.ofSeconds(2);
    static final Duration DEFAULT_LIFT_WINDOW = Duration.ofSeconds(3);
    static final Duration DEFAULT_FIX_STALE_AFTER = Duration.ofSeconds(10);
    static final Duration DEFAULT_MATCH_WINDOW = Duration.ofSeconds(30);
    static final Duration DEFAULT_UNLOCK_TIME = Duration.ofSeconds(5);
    static final Duration DEFAULT_HELD_OPEN_LIMIT = Duration.ofSeconds(60);

    private static final ObjectMapper YAML = YAMLMapper.builder(new YAMLFactory())
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .build();

    private ConfigLoader() {
    }

    public static AgentConfig load(Path file) throws ConfigException {
        String text;
        try {
            text = Files.readString(file);
        } catch (IOException e) {
            throw new ConfigException(file + ": cannot read (" + e.getClass().getSimpleName() + ": " + e.getMessage() + ")");
        }
        return parse(text);
    }

    public static AgentConfig parse(String yaml) throws ConfigException {
        JsonNode root;
        try {
            root = YAML.readTree(yaml);
        } catch (JacksonException e) {
            throw new ConfigException("not valid YAML: " + e.getOriginalMessage()
                    + (e.getLocation() == null ? "" : " (line " + e.getLocation().getLineNr() + ")"));
        }
        if (root != null && !root.isMissingNode() && !root.isNull() && !root.isObject()) {
            throw new ConfigException("the config must be a mapping at the top");
        }
        List<String> problems = new ArrayList<>();
        ConfigNode top = new ConfigNode(root == null || root.isMissingNode() ? null : root, "", problems);

        GatewayConfig gateway = gateway(top.child("gateway"));
        UplinkConfig uplink = uplink(top.child("uplink"), gateway.id());
        BufferConfig buffer = buffer(top.child("buffer"));
        MetricsConfig metrics = metrics(top.child("metrics"));
        List<DeviceConfig> devices = devices(top);
        crossCheck(devices, top);
        GpioConfig gpio = gpio(top.child("gpio"), devices, top);
        CommandsConfig commands = commands(top.child("commands"), buffer.path());
        RulesConfig rules = rules(top.child("rules"), buffer.path(), gateway.tenant());
        AccessConfig access = access(top.child("access"), buffer.path());
        top.finish();

        if (!problems.isEmpty()) throw new ConfigException(problems);
        return new AgentConfig(gateway, uplink, buffer, metrics, devices, gpio, commands, rules, access);
    }

    private static GatewayConfig gateway(ConfigNode n) {
        String id = n.requiredString("id");
        String tenant = n.requiredString("tenant");
        for (String[] kv : new String[][]{{"id", id}, {"tenant", tenant}}) {
            // Both become MQTT topic levels: a wildcard or separator would break topic checks.
            if (kv[1].matches(".*[/#+\\s].*")) n.problem(kv[0], "must not contain '/', '#', '+' or spaces");
        }
        n.finish();
        return new GatewayConfig(id, tenant);
    }

    private static UplinkConfig uplink(ConfigNode n, String gatewayId) {
        String url = n.requiredString("url");
        if (!url.isEmpty() && !url.matches("(tcp|ssl|ws|wss)://[^/\\s]+:\\d{1,5}/?")) {
            n.problem("url", "must look like tcp://host:port or ssl://host:port, was \"" + url + "\"");
        }
        String username = n.string("username", gatewayId);
        Optional<PasswordSource> password = password(n);
        int batchMax = n.integer("batchMaxReadings", DEFAULT_BATCH_MAX_READINGS, 1, 100_000);
        int inFlight = n.integer("maxInFlightBatches", DEFAULT_MAX_IN_FLIGHT_BATCHES, 1, 1_000);
        Duration ackTimeout = n.duration("ackTimeout", DEFAULT_ACK_TIMEOUT);
        Duration sessionExpiry = n.duration("sessionExpiry", DEFAULT_SESSION_EXPIRY);
        if (sessionExpiry.toSeconds() < 1 || sessionExpiry.toSeconds() > 0xFFFF_FFFEL) {
            n.problem("sessionExpiry", "must be between 1s and 136 years");
        }
        ConfigNode reconnect = n.child("reconnect");
        Duration min = reconnect.duration("backoffMin", DEFAULT_RECONNECT_MIN);
        Duration max = reconnect.duration("backoffMax", DEFAULT_RECONNECT_MAX);
        if (min.compareTo(max) > 0) reconnect.problem("backoffMax", "must be >= backoffMin (" + min + ")");
        reconnect.finish();
        Optional<Path> trustedCa = Optional.empty();
        if (n.has("tls")) {
            ConfigNode tls = n.child("tls");
            String ca = tls.requiredString("ca");
            if (!ca.isEmpty()) {
                trustedCa = Optional.of(Path.of(ca));
                if (!Files.isRegularFile(trustedCa.get()) || !Files.isReadable(trustedCa.get())) {
                    tls.problem("ca", "not a readable file: " + ca);
                }
            }
            tls.finish();
            if (!url.startsWith("ssl://") && !url.startsWith("wss://")) {
                n.problem("tls", "set, but url is not ssl:// (or wss://): the CA would never be used");
            }
        }
        n.finish();
        return new UplinkConfig(url, username, password, batchMax, inFlight, ackTimeout, min, max, sessionExpiry,
                trustedCa);
    }

    private static Optional<PasswordSource> password(ConfigNode n) {
        if (!n.has("password")) return Optional.empty();
        ConfigNode p = n.child("password");
        String env = p.string("env", null);
        String file = p.string("file", null);
        p.finish();
        if ((env == null) == (file == null)) {
            // A scalar lands here too: the password itself never belongs in this file.
            n.problem("password", "must be {env: VARIABLE} or {file: PATH}, exactly one; never the password itself");
            return Optional.empty();
        }
        return Optional.of(env != null ? PasswordSource.fromEnv(env) : PasswordSource.fromFile(Path.of(file)));
    }

    private static BufferConfig buffer(ConfigNode n) {
        String path = n.requiredString("path");
        long max = n.integer("maxReadings", DEFAULT_BUFFER_MAX_READINGS, 1, 1_000_000_000L);
        String whenFullText = n.string("whenFull", WhenFull.REFUSE_NEW.configName());
        WhenFull whenFull = WhenFull.fromConfigName(whenFullText).orElse(null);
        if (whenFull == null) {
            n.problem("whenFull", "must be one of " + WhenFull.configNames() + ", was \"" + whenFullText + "\"");
            whenFull = WhenFull.REFUSE_NEW;
        }
        n.finish();
        return new BufferConfig(Path.of(path.isEmpty() ? "." : path), max, whenFull);
    }

    private static CommandsConfig commands(ConfigNode n, Path bufferPath) {
        CommandsConfig defaults = CommandsConfig.besides(bufferPath);
        String log = n.string("log", defaults.log().toString());
        Duration resendAfter = n.duration("resendAfter", defaults.resendAfter());
        if (resendAfter.compareTo(Duration.ofSeconds(1)) < 0) n.problem("resendAfter", "must be at least 1s");
        n.finish();
        return new CommandsConfig(Path.of(log.isEmpty() ? "commands.db" : log), resendAfter);
    }

    private static RulesConfig rules(ConfigNode n, Path bufferPath, String tenant) {
        RulesConfig defaults = RulesConfig.none(bufferPath);
        String file = n.string("file", null);
        String state = n.string("state", defaults.state().toString());
        n.finish();
        Optional<Path> rulesFile = file == null || file.isEmpty() ? Optional.empty() : Optional.of(Path.of(file));
        // A bad rule file refuses the start with every message of the loader, as a bad config does.
        rulesFile.ifPresent(f -> {
            try {
                RuleSet set = RuleFile.load(f);
                if (!tenant.isEmpty() && !set.tenant().equals(tenant)) {
                    n.problem("file", f + " is tenant " + set.tenant() + "'s rule file, this gateway is " + tenant + "'s");
                }
            } catch (ConfigException e) {
                e.problems().forEach(p -> n.problem("file", p));
            }
        });
        return new RulesConfig(rulesFile, Path.of(state.isEmpty() ? "rule-state.db" : state));
    }

    private static AccessConfig access(ConfigNode n, Path bufferPath) {
        String store = n.string("store", AccessConfig.besides(bufferPath).store().toString());
        n.finish();
        return new AccessConfig(Path.of(store.isEmpty() ? "access.db" : store));
    }

    private static MetricsConfig metrics(ConfigNode n) {
        String host = n.string("host", "127.0.0.1");
        int port = n.integer("port", 0, 0, 65_535);
        n.finish();
        return new MetricsConfig(host, port);
    }

    private static List<DeviceConfig> devices(ConfigNode top) {
        List<DeviceConfig> devices = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        for (ConfigNode d : top.list("devices")) {
            String id = d.requiredString("id");
            if (!id.isEmpty() && !ids.add(id)) d.problem("id", "duplicate device id \"" + id + "\"");
            String driver = d.requiredString("driver");
            Class<? extends DeviceAddress> form = DriverFactory.KNOWN_DRIVERS.get(driver);
            if (!driver.isEmpty() && form == null) {
                d.problem("driver", "unknown driver \"" + driver + "\" (known: "
                        + String.join(", ", DriverFactory.KNOWN_DRIVERS.keySet()) + ")");
            }
            // Before the address: a plugin driver's address takes every key nobody has read yet.
            Duration interval = d.duration("pollInterval", DEFAULT_POLL_INTERVAL);
            Duration timeout = d.duration("timeout", DEFAULT_DEVICE_TIMEOUT);
            DeviceAddress address = address(d, form);
            // An unknown driver says nothing of which keys belong: only its name is reported.
            if (address == null) continue;
            d.finish();
            devices.add(new DeviceConfig(id, driver, address, interval, timeout));
        }
        return devices;
    }

    private static boolean onClassPath(String className) {
        try {
            Class.forName(className, false, ConfigLoader.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException e) {
            return false;
        }
    }

    /** {@link ConfigNode#duration} refuses zero and negative durations itself. */
    private static Duration positive(ConfigNode d, String key, Duration fallback) {
        return d.duration(key, fallback);
    }

    /** References between devices: a lift reader's {@code gpsDevice} names a GPS device of this gateway. */
    private static void crossCheck(List<DeviceConfig> devices, ConfigNode top) {
        for (int i = 0; i < devices.size(); i++) {
            if (devices.get(i).address() instanceof DeviceAddress.BinLiftReader r && r.gpsDevice().isPresent()) {
                String gps = r.gpsDevice().get();
                boolean found = devices.stream().anyMatch(d -> d.id().equals(gps)
                        && d.driver().equals(DriverFactory.WASTE_NMEA_GPS));
                if (!found) {
                    top.problem("devices[" + i + "].gpsDevice", "no device \"" + gps + "\" with driver "
                            + DriverFactory.WASTE_NMEA_GPS + " in this config");
                }
            }
        }
    }

    private static GpioConfig gpio(ConfigNode n, List<DeviceConfig> devices, ConfigNode top) {
        boolean needed = devices.stream().anyMatch(d -> d.address() instanceof DeviceAddress.GpioDoor);
        String text = n.string("platform", null);
        n.finish();
        if (text == null) {
            // No default: a Raspberry Pi silently on the mock platform would leave its doors unwatched.
            if (needed) top.problem("gpio.platform", "required when a device uses GPIO lines (one of "
                    + GpioConfig.Platform.configNames() + ")");
            return new GpioConfig(Optional.empty());
        }
        Optional<GpioConfig.Platform> platform = GpioConfig.Platform.fromConfigName(text);
        if (platform.isEmpty()) {
            top.problem("gpio.platform", "must be one of " + GpioConfig.Platform.configNames() + ", was \"" + text + "\"");
        }
        return new GpioConfig(platform);
    }

    /** Reads the keys of the address form the driver takes; null when the driver is unknown. */
    private static DeviceAddress address(ConfigNode d, Class<? extends DeviceAddress> form) {
        if (form == DeviceAddress.Tcp.class) {
            return new DeviceAddress.Tcp(d.requiredString("host"), d.integer("port", DEFAULT_MODBUS_PORT, 1, 65_535),
                    d.integer("unitId", DEFAULT_UNIT_ID, 0, 255));
        }
        if (form == DeviceAddress.Serial.class) {
            return new DeviceAddress.Serial(d.requiredString("serialPort"),
                    d.integer("baud", DEFAULT_BAUD, 300, 1_000_000), d.integer("unitId", DEFAULT_UNIT_ID, 1, 247));
        }
        if (form == DeviceAddress.SerialStream.class) {
            return new DeviceAddress.SerialStream(d.requiredString("serialPort"),
                    d.integer("baud", DEFAULT_BAUD, 300, 1_000_000));
        }
        if (form == DeviceAddress.BinLiftReader.class) {
            String port = d.requiredString("serialPort");
            int baud = d.integer("baud", DEFAULT_BAUD, 300, 1_000_000);
            String truck = d.requiredString("truck");
            if (!truck.isEmpty() && !truck.matches("[A-Za-z0-9_-]{1,32}")) {
                d.problem("truck", "must be 1 to 32 letters, digits, '_' or '-', was \"" + truck + "\"");
            }
            Duration window = positive(d, "liftWindow", DEFAULT_LIFT_WINDOW);
            Optional<String> gps = Optional.ofNullable(d.string("gpsDevice", null));
            Duration stale = positive(d, "fixStaleAfter", DEFAULT_FIX_STALE_AFTER);
            String orderText = d.string("tagHexOrder", TagNormaliser.HexOrder.MSB_FIRST.name());
            TagNormaliser.HexOrder order = TagNormaliser.HexOrder.MSB_FIRST;
            try {
                order = TagNormaliser.HexOrder.valueOf(orderText);
            } catch (IllegalArgumentException e) {
                d.problem("tagHexOrder", "must be MSB_FIRST or BIT_REVERSED, was \"" + orderText + "\"");
            }
            return new DeviceAddress.BinLiftReader(port, baud, truck, window, gps, stale, order);
        }
        if (form == DeviceAddress.Http.class) {
            String text = d.requiredString("baseUri");
            URI uri = null;
            try {
                uri = new URI(text);
                if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme()) || uri.getHost() == null) {
                    d.problem("baseUri", "must be http://host[:port] or https://…, was \"" + text + "\"");
                }
            } catch (URISyntaxException e) {
                if (!text.isEmpty()) d.problem("baseUri", "not a URI: " + e.getMessage());
            }
            Duration window = positive(d, "matchWindow", DEFAULT_MATCH_WINDOW);
            Optional<Path> cursor = Optional.ofNullable(d.string("cursorFile", null)).map(Path::of);
            return new DeviceAddress.Http(uri == null ? URI.create("http://invalid/") : uri, window, cursor);
        }
        if (form == DeviceAddress.GpioDoor.class) {
            int relay = d.integer("relayPin", -1, 0, 27);
            int contact = d.integer("contactPin", -1, 0, 27);
            int exit = d.integer("exitButtonPin", -1, 0, 27);
            for (String[] kv : new String[][]{{"relayPin", "" + relay}, {"contactPin", "" + contact},
                    {"exitButtonPin", "" + exit}}) {
                if (kv[1].equals("-1") && !d.has(kv[0])) d.problem(kv[0], "missing (a BCM line number, 0..27)");
            }
            DoorPins pins = new DoorPins(0, 1, 2);
            if (relay >= 0 && contact >= 0 && exit >= 0) {
                if (relay == contact || relay == exit || contact == exit) {
                    d.problem("relayPin", "relayPin, contactPin and exitButtonPin must be three different lines, were "
                            + relay + ", " + contact + ", " + exit);
                } else {
                    pins = new DoorPins(relay, contact, exit);
                }
            }
            return new DeviceAddress.GpioDoor(pins, d.requiredString("badgePort"),
                    d.integer("baud", DEFAULT_BAUD, 300, 1_000_000), positive(d, "unlockTime", DEFAULT_UNLOCK_TIME),
                    positive(d, "heldOpenLimit", DEFAULT_HELD_OPEN_LIMIT));
        }
        if (form == DeviceAddress.Plugin.class) {
            if (!onClassPath(DriverFactory.BACNET_PROVIDER)) {
                d.problem("driver", "bms-bacnet-ip needs the optional edge-bacnet module (GPL-3.0) on the class path; "
                        + "see edge-bacnet/README.md");
            }
            return new DeviceAddress.Plugin(d.remainingScalars());
        }
        if (form == DeviceAddress.Coap.class) {
            String text = d.requiredString("uri");
            boolean observe = d.bool("observe", false);
            URI uri = null;
            try {
                uri = new URI(text);
                if (!"coap".equals(uri.getScheme()) && !"coaps".equals(uri.getScheme()) || uri.getHost() == null) {
                    d.problem("uri", "must be coap://host[:port]/path or coaps://…, was \"" + text + "\"");
                }
            } catch (URISyntaxException e) {
                if (!text.isEmpty()) d.problem("uri", "not a URI: " + e.getMessage());
            }
            return new DeviceAddress.Coap(uri == null ? URI.create("coap://invalid/") : uri, observe);
        }
        return null;
    }
}
