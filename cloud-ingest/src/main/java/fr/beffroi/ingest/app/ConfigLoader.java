package fr.beffroi.ingest.app;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import fr.beffroi.profiles.unit.DurationText;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * Reads an {@link IngestConfig} from YAML. Unknown keys and wrong types are reported together with
 * the validation problems, all at once. The database password is never in the file: {@code
 * jdbc.passwordEnv} names the environment variable that holds it.
 *
 * <pre>
 * mqtt:  { host: 0.0.0.0, port: 1883 }
 * http:  { host: 0.0.0.0, port: 8080 }
 * jdbc:  { url: "jdbc:postgresql://db/beffroi", user: beffroi, passwordEnv: BEFFROI_DB_PASSWORD, connectTimeout: 5s }
 * batch: { maxRows: 5000, maxDelay: 20ms, writers: 2 }
 * gateways:
 *   - { id: gw-mairie, tenant: liancourt, secretHash: "pbkdf2-sha256$600000$…$…" }
 * users:                      # the HTTP API; token = "&lt;name&gt;:&lt;secret&gt;", hashed whole
 *   - { name: alice, tenant: liancourt, tokenHash: "pbkdf2-sha256$…", role: operator }   # or viewer
 * commands: { sweepPeriod: 10s, maxLifetime: 7d }
 * rules: { dir: /etc/beffroi/rules, tickPeriod: 5s }   # one &lt;tenant&gt;.yaml per tenant; absent = no cloud rules
 * rooms:                      # which door devices open which room
 *   - { tenant: liancourt, room: salle-des-fetes, doors: [porte-sdf] }
 * access: { horizon: 7d, republishPeriod: 1h }
 * </pre>
 */
public final class ConfigLoader {
    private final Function<String, String> env;

    /** @param env how to read environment variables ({@code System::getenv} in production) */
    public ConfigLoader(Function<String, String> env) {
        this.env = env;
    }

    public IngestConfig load(Path file) throws IOException {
        return parse(Files.readString(file));
    }

    public IngestConfig parse(String yaml) {
        JsonNode root;
        try {
            root = new YAMLMapper().readTree(yaml);
        } catch (JacksonException e) {
            throw new ConfigException(List.of("not valid YAML: " + e.getOriginalMessage()));
        }
        List<String> p = new ArrayList<>();
        if (root == null || !root.isObject()) {
            throw new ConfigException(List.of("$: expected a mapping of mqtt, http, jdbc, batch, gateways, users,"
                    + " commands"));
        }
        unknown(p, "", root, Set.of("mqtt", "http", "jdbc", "batch", "gateways", "users", "commands", "rules",
                "rooms", "access"));
        IngestConfig.Mqtt mqttDefaults = IngestConfig.Mqtt.loopback(1883);
        JsonNode m = section(p, root, "mqtt", Set.of("host", "port", "maxMessageBytes", "tls"));
        IngestConfig.Mqtt mqtt = new IngestConfig.Mqtt(
                text(p, m, "mqtt.host", "host", mqttDefaults.host()),
                integer(p, m, "mqtt.port", "port", mqttDefaults.port()),
                integer(p, m, "mqtt.maxMessageBytes", "maxMessageBytes", mqttDefaults.maxMessageBytes()),
                tls(p, m, "mqtt"));
        IngestConfig.Http httpDefaults = IngestConfig.Http.loopback(8080);
        JsonNode h = section(p, root, "http", Set.of("host", "port", "maxBodyBytes", "tls"));
        IngestConfig.Http http = new IngestConfig.Http(
                text(p, h, "http.host", "host", httpDefaults.host()),
                integer(p, h, "http.port", "port", httpDefaults.port()),
                integer(p, h, "http.maxBodyBytes", "maxBodyBytes", httpDefaults.maxBodyBytes()),
                tls(p, h, "http"));
        JsonNode j = section(p, root, "jdbc", Set.of("url", "user", "passwordEnv", "connectTimeout"));
        String passwordEnv = text(p, j, "jdbc.passwordEnv", "passwordEnv", null);
        String password = null;
        if (passwordEnv == null) {
            p.add("jdbc.passwordEnv: missing (name of the environment variable holding the password)");
        } else {
            password = env.apply(passwordEnv);
            if (password == null) p.add("jdbc.passwordEnv: environment variable " + passwordEnv + " is not set");
        }
        IngestConfig.Jdbc jdbc = new IngestConfig.Jdbc(
                text(p, j, "jdbc.url", "url", null),
                text(p, j, "jdbc.user", "user", null),
                password,
                duration(p, j, "jdbc.connectTimeout", "connectTimeout", Duration.ofSeconds(5)));
        IngestConfig.Batch batchDefaults = IngestConfig.Batch.defaults();
        JsonNode b = section(p, root, "batch", Set.of("maxRows", "maxDelay", "writers"));
        IngestConfig.Batch batch = new IngestConfig.Batch(
                integer(p, b, "batch.maxRows", "maxRows", batchDefaults.maxRows()),
                duration(p, b, "batch.maxDelay", "maxDelay", batchDefaults.maxDelay()),
                integer(p, b, "batch.writers", "writers", batchDefaults.writers()));
        List<IngestConfig.GatewayEntry> gateways = new ArrayList<>();
        JsonNode gs = root.get("gateways");
        if (gs != null && !gs.isNull()) {
            if (!gs.isArray()) {
                p.add("gateways: expected a list");
            } else {
                for (int i = 0; i < gs.size(); i++) {
                    String at = "gateways[" + i + "]";
                    JsonNode g = gs.get(i);
                    if (!g.isObject()) {
                        p.add(at + ": expected a mapping of id, tenant, secretHash");
                        continue;
                    }
                    unknown(p, at + ".", g, Set.of("id", "tenant", "secretHash"));
                    gateways.add(new IngestConfig.GatewayEntry(text(p, g, at + ".id", "id", null),
                            text(p, g, at + ".tenant", "tenant", null),
                            text(p, g, at + ".secretHash", "secretHash", null)));
                }
            }
        }
        List<IngestConfig.UserEntry> users = new ArrayList<>();
        JsonNode us = root.get("users");
        if (us != null && !us.isNull()) {
            if (!us.isArray()) {
                p.add("users: expected a list");
            } else {
                for (int i = 0; i < us.size(); i++) {
                    String at = "users[" + i + "]";
                    JsonNode u = us.get(i);
                    if (!u.isObject()) {
                        p.add(at + ": expected a mapping of name, tenant, tokenHash, role");
                        continue;
                    }
                    unknown(p, at + ".", u, Set.of("name", "tenant", "tokenHash", "role"));
                    String role = text(p, u, at + ".role", "role", null);
                    IngestConfig.Role parsed = null;
                    if ("operator".equals(role)) parsed = IngestConfig.Role.OPERATOR;
                    if ("viewer".equals(role)) parsed = IngestConfig.Role.VIEWER;
                    if (role != null && parsed == null) p.add(at + ".role: must be operator or viewer, was " + role);
                    users.add(new IngestConfig.UserEntry(text(p, u, at + ".name", "name", null),
                            text(p, u, at + ".tenant", "tenant", null),
                            text(p, u, at + ".tokenHash", "tokenHash", null), parsed));
                }
            }
        }
        IngestConfig.Commands commandDefaults = IngestConfig.Commands.defaults();
        JsonNode cs = section(p, root, "commands", Set.of("sweepPeriod", "maxLifetime"));
        IngestConfig.Commands commands = new IngestConfig.Commands(
                duration(p, cs, "commands.sweepPeriod", "sweepPeriod", commandDefaults.sweepPeriod()),
                duration(p, cs, "commands.maxLifetime", "maxLifetime", commandDefaults.maxLifetime()));
        IngestConfig.Rules ruleDefaults = IngestConfig.Rules.none();
        JsonNode rs = section(p, root, "rules", Set.of("dir", "tickPeriod"));
        String dir = text(p, rs, "rules.dir", "dir", null);
        IngestConfig.Rules rules = new IngestConfig.Rules(dir == null ? null : Path.of(dir),
                duration(p, rs, "rules.tickPeriod", "tickPeriod", ruleDefaults.tickPeriod()));
        List<IngestConfig.RoomEntry> rooms = new ArrayList<>();
        JsonNode rooms0 = root.get("rooms");
        if (rooms0 != null && !rooms0.isNull()) {
            if (!rooms0.isArray()) {
                p.add("rooms: expected a list");
            } else {
                for (int i = 0; i < rooms0.size(); i++) {
                    String at = "rooms[" + i + "]";
                    JsonNode r = rooms0.get(i);
                    if (!r.isObject()) {
                        p.add(at + ": expected a mapping of tenant, room, doors");
                        continue;
                    }
                    unknown(p, at + ".", r, Set.of("tenant", "room", "doors"));
                    List<String> doors = new ArrayList<>();
                    JsonNode ds = r.get("doors");
                    if (ds != null && ds.isArray()) {
                        ds.forEach(d -> doors.add(d.isValueNode() ? d.asText() : null));
                    } else if (ds != null && !ds.isNull()) {
                        p.add(at + ".doors: expected a list of door device ids");
                    }
                    rooms.add(new IngestConfig.RoomEntry(text(p, r, at + ".tenant", "tenant", null),
                            text(p, r, at + ".room", "room", null), doors));
                }
            }
        }
        IngestConfig.Access accessDefaults = IngestConfig.Access.defaults();
        JsonNode as = section(p, root, "access", Set.of("horizon", "republishPeriod"));
        IngestConfig.Access access = new IngestConfig.Access(
                duration(p, as, "access.horizon", "horizon", accessDefaults.horizon()),
                duration(p, as, "access.republishPeriod", "republishPeriod", accessDefaults.republishPeriod()));
        IngestConfig config = new IngestConfig(mqtt, http, jdbc, batch, gateways, users, commands, rules, rooms,
                access);
        List<String> all = new ArrayList<>(p);
        for (String problem : config.problems()) {
            // A key already reported as unreadable or unset need not be reported twice.
            String key = problem.substring(0, problem.indexOf(':'));
            if (all.stream().noneMatch(q -> q.startsWith(key + ":"))) all.add(problem);
        }
        if (!all.isEmpty()) throw new ConfigException(all);
        return config;
    }

    /** {@code <server>.tls: {certificate: PATH, privateKey: PATH}}, both PEM; absent = no TLS. */
    private static Optional<IngestConfig.Tls> tls(List<String> p, JsonNode server, String name) {
        JsonNode t = server == null ? null : server.get("tls");
        if (t == null || t.isNull()) return Optional.empty();
        if (!t.isObject()) {
            p.add(name + ".tls: expected a mapping of certificate, privateKey");
            return Optional.empty();
        }
        unknown(p, name + ".tls.", t, Set.of("certificate", "privateKey"));
        String certificate = text(p, t, name + ".tls.certificate", "certificate", null);
        String privateKey = text(p, t, name + ".tls.privateKey", "privateKey", null);
        if (certificate == null) p.add(name + ".tls.certificate: missing");
        if (privateKey == null) p.add(name + ".tls.privateKey: missing");
        if (certificate == null || privateKey == null) return Optional.empty();
        return Optional.of(new IngestConfig.Tls(Path.of(certificate), Path.of(privateKey)));
    }

    private static JsonNode section(List<String> p, JsonNode root, String name, Set<String> keys) {
        JsonNode s = root.get(name);
        if (s == null || s.isNull()) return null;
        if (!s.isObject()) {
            p.add(name + ": expected a mapping");
            return null;
        }
        unknown(p, name + ".", s, keys);
        return s;
    }

    private static void unknown(List<String> p, String prefix, JsonNode node, Set<String> known) {
        for (Map.Entry<String, JsonNode> field : node.properties()) {
            String key = field.getKey();
            if (!known.contains(key)) p.add(prefix + key + ": unknown key (known: " + String.join(", ", known.stream().sorted().toList()) + ")");
        }
    }

    private static String text(List<String> p, JsonNode section, String key, String field, String fallback) {
        JsonNode v = section == null ? null : section.get(field);
        if (v == null || v.isNull()) return fallback;
        if (!v.isValueNode()) {
            p.add(key + ": expected a text value");
            return fallback;
        }
        return v.asText();
    }

    private static int integer(List<String> p, JsonNode section, String key, String field, int fallback) {
        JsonNode v = section == null ? null : section.get(field);
        if (v == null || v.isNull()) return fallback;
        if (!v.canConvertToInt() || !v.isIntegralNumber()) {
            p.add(key + ": expected an integer, was " + v.asText());
            return fallback;
        }
        return v.intValue();
    }

    private static Duration duration(List<String> p, JsonNode section, String key, String field, Duration fallback) {
        JsonNode v = section == null ? null : section.get(field);
        if (v == null || v.isNull()) return fallback;
        try {
            return DurationText.require(v.asText());
        } catch (IllegalArgumentException e) {
            p.add(key + ": " + e.getMessage());
            return fallback;
        }
    }
}
