package fr.beffroi.ingest.app;

import fr.beffroi.ingest.auth.SecretHash;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Everything an ingest node needs, as immutable records. Build it in code ({@link #of}, then the
 * {@code with…} methods) or load it from YAML with {@link ConfigLoader}; {@link #validate()} names
 * every bad key at once and runs before anything starts.
 *
 * @param mqtt     the MQTT listener
 * @param http     the HTTP listener
 * @param jdbc     the PostgreSQL connection
 * @param batch    how readings are grouped into transactions
 * @param gateways the gateways allowed to send
 * @param users    the people allowed to use the HTTP API (commands)
 * @param commands how the command ledger treats expiry
 * @param rules    where the cloud rule files are (none: no cloud rules run)
 * @param rooms    which door devices open which room (the allow-lists sent to gateways)
 * @param access   how far ahead the allow-lists reach and how often they are resent
 */
public record IngestConfig(Mqtt mqtt, Http http, Jdbc jdbc, Batch batch, List<GatewayEntry> gateways,
                           List<UserEntry> users, Commands commands, Rules rules, List<RoomEntry> rooms,
                           Access access) {
    /** Ids become MQTT topic levels and SQL values: no separators, no wildcards. */
    static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0,63}");

    public IngestConfig {
        gateways = List.copyOf(Objects.requireNonNullElse(gateways, List.of()));
        users = List.copyOf(Objects.requireNonNullElse(users, List.of()));
        rooms = List.copyOf(Objects.requireNonNullElse(rooms, List.of()));
    }

    /** No cloud rules, no rooms, default access settings. */
    public IngestConfig(Mqtt mqtt, Http http, Jdbc jdbc, Batch batch, List<GatewayEntry> gateways,
                        List<UserEntry> users, Commands commands) {
        this(mqtt, http, jdbc, batch, gateways, users, commands, Rules.none(), List.of(), Access.defaults());
    }

    /** No users, default command settings. */
    public IngestConfig(Mqtt mqtt, Http http, Jdbc jdbc, Batch batch, List<GatewayEntry> gateways) {
        this(mqtt, http, jdbc, batch, gateways, List.of(), Commands.defaults());
    }

    /**
     * @param host            address to bind (127.0.0.1 in tests)
     * @param port            TCP port; 0 picks a free one, see {@code IngestNode.mqttPort()}
     * @param maxMessageBytes largest PUBLISH accepted
     * @param tls             MQTT over TLS (gateways connect with {@code ssl://}); empty for plain TCP
     */
    public record Mqtt(String host, int port, int maxMessageBytes, Optional<Tls> tls) {
        public Mqtt(String host, int port, int maxMessageBytes) {
            this(host, port, maxMessageBytes, Optional.empty());
        }

        public Mqtt {
            Objects.requireNonNull(tls, "tls");
        }

        public static Mqtt loopback(int port) {
            return new Mqtt("127.0.0.1", port, 4 * 1024 * 1024);
        }
    }

    /**
     * A server's TLS identity, as PEM files (what an ACME client or a territory's own CA hands out).
     *
     * @param certificate the certificate chain, the server's own first
     * @param privateKey  its private key (PKCS#8 or PKCS#1); readable by the ingest's user only
     */
    public record Tls(Path certificate, Path privateKey) {
        public Tls {
            Objects.requireNonNull(certificate, "certificate");
            Objects.requireNonNull(privateKey, "privateKey");
        }
    }

    /**
     * @param host         address to bind
     * @param port         TCP port; 0 picks a free one
     * @param maxBodyBytes largest request body accepted
     * @param tls          HTTPS; empty for plain HTTP
     */
    public record Http(String host, int port, int maxBodyBytes, Optional<Tls> tls) {
        public Http(String host, int port, int maxBodyBytes) {
            this(host, port, maxBodyBytes, Optional.empty());
        }

        public Http {
            Objects.requireNonNull(tls, "tls");
        }

        public static Http loopback(int port) {
            return new Http("127.0.0.1", port, 4 * 1024 * 1024);
        }
    }

    /**
     * @param url            {@code jdbc:postgresql://…}
     * @param user           database user
     * @param password       database password; never printed (see {@link #toString()})
     * @param connectTimeout how long a writer waits for a connection before the batch fails
     */
    public record Jdbc(String url, String user, String password, Duration connectTimeout) {
        public static Jdbc of(String url, String user, String password) {
            return new Jdbc(url, user, password, Duration.ofSeconds(5));
        }

        @Override
        public String toString() {
            return "Jdbc[url=" + url + ", user=" + user + ", password=" + (password == null ? "null" : "***")
                    + ", connectTimeout=" + connectTimeout + "]";
        }
    }

    /**
     * @param maxRows  a transaction closes once it holds this many readings
     * @param maxDelay ... or once its first batch has waited this long
     * @param writers  parallel database writers; a gateway always maps to the same one
     */
    public record Batch(int maxRows, Duration maxDelay, int writers) {
        public static Batch defaults() {
            return new Batch(5_000, Duration.ofMillis(20), 2);
        }
    }

    /**
     * @param id         the gateway id, also its MQTT user name
     * @param tenant     the commune it belongs to
     * @param secretHash {@link SecretHash} stored form
     */
    public record GatewayEntry(String id, String tenant, String secretHash) {
    }

    /** What a user of the HTTP API may do within their tenant. */
    public enum Role {
        /** May issue commands and read them. */
        OPERATOR,
        /** May read commands only. */
        VIEWER
    }

    /**
     * A user of the HTTP API. The bearer token is {@code <name>:<secret>}: the name picks the one
     * hash to check, so a wrong token costs one PBKDF2, not one per user.
     *
     * @param name      user name, as in {@code issuedBy = user:<name>}
     * @param tenant    the commune whose devices the user may command
     * @param tokenHash {@link SecretHash} stored form of the whole token
     * @param role      operator or viewer
     */
    public record UserEntry(String name, String tenant, String tokenHash, Role role) {
    }

    /**
     * @param sweepPeriod how often pending commands past their expiry are marked EXPIRED
     * @param maxLifetime the furthest ahead a command may expire
     */
    public record Commands(Duration sweepPeriod, Duration maxLifetime) {
        public static Commands defaults() {
            return new Commands(Duration.ofSeconds(10), Duration.ofDays(7));
        }
    }

    /**
     * @param dir        folder of {@code <tenant>.yaml} rule files, one per tenant; null = no cloud rules
     * @param tickPeriod the engines are ticked at least this often (and at each rule's next due instant)
     */
    public record Rules(java.nio.file.Path dir, Duration tickPeriod) {
        public static Rules none() {
            return new Rules(null, Duration.ofSeconds(5));
        }

        public static Rules in(java.nio.file.Path dir) {
            return new Rules(dir, Duration.ofSeconds(5));
        }
    }

    /**
     * A bookable room and the door devices (badge readers with a lock) that let people into it.
     *
     * @param tenant the commune
     * @param room   the room id bookings name
     * @param doors  door device ids, as the gateways report them
     */
    public record RoomEntry(String tenant, String room, List<String> doors) {
        public RoomEntry {
            doors = List.copyOf(Objects.requireNonNullElse(doors, List.of()));
        }
    }

    /**
     * @param horizon         an allow-list holds the bookings of the coming {@code horizon} and is valid that long
     * @param republishPeriod every allow-list is sent again this often, so that its validity slides
     */
    public record Access(Duration horizon, Duration republishPeriod) {
        public static Access defaults() {
            return new Access(Duration.ofDays(7), Duration.ofHours(1));
        }
    }

    /** Loopback listeners on free ports and default batching: the shape tests, the demo and benchmarks use. */
    public static IngestConfig of(Jdbc jdbc, List<GatewayEntry> gateways) {
        return new IngestConfig(Mqtt.loopback(0), Http.loopback(0), jdbc, Batch.defaults(), gateways);
    }

    public IngestConfig withMqtt(Mqtt value) {
        return new IngestConfig(value, http, jdbc, batch, gateways, users, commands, rules, rooms, access);
    }

    public IngestConfig withHttp(Http value) {
        return new IngestConfig(mqtt, value, jdbc, batch, gateways, users, commands, rules, rooms, access);
    }

    public IngestConfig withJdbc(Jdbc value) {
        return new IngestConfig(mqtt, http, value, batch, gateways, users, commands, rules, rooms, access);
    }

    public IngestConfig withBatch(Batch value) {
        return new IngestConfig(mqtt, http, jdbc, value, gateways, users, commands, rules, rooms, access);
    }

    public IngestConfig withGateways(List<GatewayEntry> value) {
        return new IngestConfig(mqtt, http, jdbc, batch, value, users, commands, rules, rooms, access);
    }

    public IngestConfig withUsers(List<UserEntry> value) {
        return new IngestConfig(mqtt, http, jdbc, batch, gateways, value, commands, rules, rooms, access);
    }

    public IngestConfig withCommands(Commands value) {
        return new IngestConfig(mqtt, http, jdbc, batch, gateways, users, value, rules, rooms, access);
    }

    public IngestConfig withRules(Rules value) {
        return new IngestConfig(mqtt, http, jdbc, batch, gateways, users, commands, value, rooms, access);
    }

    public IngestConfig withRooms(List<RoomEntry> value) {
        return new IngestConfig(mqtt, http, jdbc, batch, gateways, users, commands, rules, value, access);
    }

    public IngestConfig withAccess(Access value) {
        return new IngestConfig(mqtt, http, jdbc, batch, gateways, users, commands, rules, rooms, value);
    }

    /** Every problem, each naming its key; empty when the config can start a node. */
    public List<String> problems() {
        List<String> p = new ArrayList<>();
        if (mqtt == null) {
            p.add("mqtt: missing");
        } else {
            host(p, "mqtt.host", mqtt.host());
            port(p, "mqtt.port", mqtt.port());
            range(p, "mqtt.maxMessageBytes", mqtt.maxMessageBytes(), 1024, 256 * 1024 * 1024);
            mqtt.tls().ifPresent(t -> tls(p, "mqtt.tls", t));
        }
        if (http == null) {
            p.add("http: missing");
        } else {
            host(p, "http.host", http.host());
            port(p, "http.port", http.port());
            range(p, "http.maxBodyBytes", http.maxBodyBytes(), 1024, 256 * 1024 * 1024);
            http.tls().ifPresent(t -> tls(p, "http.tls", t));
        }
        if (jdbc == null) {
            p.add("jdbc: missing");
        } else {
            if (jdbc.url() == null || !jdbc.url().startsWith("jdbc:postgresql:")) {
                p.add("jdbc.url: must start with jdbc:postgresql:, was " + jdbc.url());
            }
            if (jdbc.user() == null || jdbc.user().isBlank()) p.add("jdbc.user: missing");
            if (jdbc.password() == null) p.add("jdbc.password: missing");
            duration(p, "jdbc.connectTimeout", jdbc.connectTimeout(), Duration.ofMillis(250), Duration.ofMinutes(5));
        }
        if (batch == null) {
            p.add("batch: missing");
        } else {
            range(p, "batch.maxRows", batch.maxRows(), 1, 1_000_000);
            duration(p, "batch.maxDelay", batch.maxDelay(), Duration.ZERO, Duration.ofSeconds(10));
            range(p, "batch.writers", batch.writers(), 1, 64);
        }
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < gateways.size(); i++) {
            GatewayEntry g = gateways.get(i);
            String at = "gateways[" + i + "]";
            if (g == null) {
                p.add(at + ": missing");
                continue;
            }
            if (g.id() == null || !ID.matcher(g.id()).matches()) {
                p.add(at + ".id: must match " + ID.pattern() + ", was " + g.id());
            } else if (!ids.add(g.id())) {
                p.add(at + ".id: duplicate " + g.id());
            }
            if (g.tenant() == null || !ID.matcher(g.tenant()).matches()) {
                p.add(at + ".tenant: must match " + ID.pattern() + ", was " + g.tenant());
            }
            try {
                SecretHash.parse(g.secretHash());
            } catch (IllegalArgumentException e) {
                p.add(at + ".secretHash: " + e.getMessage());
            }
        }
        Set<String> names = new HashSet<>();
        for (int i = 0; i < users.size(); i++) {
            UserEntry u = users.get(i);
            String at = "users[" + i + "]";
            if (u == null) {
                p.add(at + ": missing");
                continue;
            }
            if (u.name() == null || !ID.matcher(u.name()).matches()) {
                p.add(at + ".name: must match " + ID.pattern() + ", was " + u.name());
            } else if (!names.add(u.name())) {
                p.add(at + ".name: duplicate " + u.name());
            }
            if (u.tenant() == null || !ID.matcher(u.tenant()).matches()) {
                p.add(at + ".tenant: must match " + ID.pattern() + ", was " + u.tenant());
            }
            try {
                SecretHash.parse(u.tokenHash());
            } catch (IllegalArgumentException e) {
                p.add(at + ".tokenHash: " + e.getMessage());
            }
            if (u.role() == null) p.add(at + ".role: missing (operator or viewer)");
        }
        if (commands == null) {
            p.add("commands: missing");
        } else {
            duration(p, "commands.sweepPeriod", commands.sweepPeriod(), Duration.ofMillis(100), Duration.ofHours(1));
            duration(p, "commands.maxLifetime", commands.maxLifetime(), Duration.ofSeconds(1), Duration.ofDays(90));
        }
        if (rules == null) {
            p.add("rules: missing");
        } else {
            if (rules.dir() != null && !java.nio.file.Files.isDirectory(rules.dir())) {
                p.add("rules.dir: not a readable folder: " + rules.dir());
            }
            duration(p, "rules.tickPeriod", rules.tickPeriod(), Duration.ofMillis(50), Duration.ofMinutes(1));
        }
        Set<String> roomKeys = new HashSet<>();
        Set<String> doorKeys = new HashSet<>();
        for (int i = 0; i < rooms.size(); i++) {
            RoomEntry r = rooms.get(i);
            String at = "rooms[" + i + "]";
            if (r == null) {
                p.add(at + ": missing");
                continue;
            }
            if (r.tenant() == null || !ID.matcher(r.tenant()).matches()) {
                p.add(at + ".tenant: must match " + ID.pattern() + ", was " + r.tenant());
            }
            if (r.room() == null || !ID.matcher(r.room()).matches()) {
                p.add(at + ".room: must match " + ID.pattern() + ", was " + r.room());
            } else if (!roomKeys.add(r.tenant() + "/" + r.room())) {
                p.add(at + ".room: duplicate " + r.tenant() + "/" + r.room());
            }
            if (r.doors().isEmpty()) p.add(at + ".doors: at least one door device is required");
            for (int d = 0; d < r.doors().size(); d++) {
                String door = r.doors().get(d);
                if (door == null || !ID.matcher(door).matches()) {
                    p.add(at + ".doors[" + d + "]: must match " + ID.pattern() + ", was " + door);
                } else if (!doorKeys.add(r.tenant() + "/" + door)) {
                    // One door, one room: the allow-list entry names the door, not the room.
                    p.add(at + ".doors[" + d + "]: door " + door + " already opens another room");
                }
            }
        }
        if (access == null) {
            p.add("access: missing");
        } else {
            duration(p, "access.horizon", access.horizon(), Duration.ofHours(1), Duration.ofDays(31));
            duration(p, "access.republishPeriod", access.republishPeriod(), Duration.ofSeconds(1), Duration.ofDays(1));
        }
        return p;
    }

    /** Throws {@link ConfigException} listing every problem, if any. */
    public IngestConfig validate() {
        List<String> p = problems();
        if (!p.isEmpty()) throw new ConfigException(p);
        return this;
    }

    private static void tls(List<String> p, String key, Tls tls) {
        for (var file : List.of(java.util.Map.entry("certificate", tls.certificate()),
                java.util.Map.entry("privateKey", tls.privateKey()))) {
            if (!Files.isRegularFile(file.getValue()) || !Files.isReadable(file.getValue())) {
                p.add(key + "." + file.getKey() + ": not a readable file: " + file.getValue());
            }
        }
    }

    private static void host(List<String> p, String key, String host) {
        if (host == null || host.isBlank()) p.add(key + ": missing");
    }

    private static void port(List<String> p, String key, int port) {
        if (port < 0 || port > 65535) p.add(key + ": must be 0..65535 (0 = any free port), was " + port);
    }

    private static void range(List<String> p, String key, int value, int min, int max) {
        if (value < min || value > max) p.add(key + ": must be " + min + ".." + max + ", was " + value);
    }

    private static void duration(List<String> p, String key, Duration value, Duration min, Duration max) {
        if (value == null) {
            p.add(key + ": missing");
        } else if (value.compareTo(min) < 0 || value.compareTo(max) > 0) {
            p.add(key + ": must be " + min + ".." + max + ", was " + value);
        }
    }
}
