package fr.beffroi.edge.app;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import fr.beffroi.edge.buffer.WhenFull;

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
    static final int DEFAULT_MAX_IN_FLIGHT_BATCHES = 4;
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
        CommandsConfig commands = commands(top.child("commands"), buffer.path());
        top.finish();

        if (!problems.isEmpty()) throw new ConfigException(problems);
        return new AgentConfig(gateway, uplink, buffer, metrics, devices, commands);
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
        n.finish();
        return new UplinkConfig(url, username, password, batchMax, inFlight, ackTimeout, min, max, sessionExpiry);
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
            DeviceAddress address = address(d, form);
            Duration interval = d.duration("pollInterval", DEFAULT_POLL_INTERVAL);
            Duration timeout = d.duration("timeout", DEFAULT_DEVICE_TIMEOUT);
            // An unknown driver says nothing of which keys belong: only its name is reported.
            if (address == null) continue;
            d.finish();
            devices.add(new DeviceConfig(id, driver, address, interval, timeout));
        }
        return devices;
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
