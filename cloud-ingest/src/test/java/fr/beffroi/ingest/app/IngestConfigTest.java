package fr.beffroi.ingest.app;

import fr.beffroi.ingest.auth.SecretHash;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class IngestConfigTest {
    private static final String HASH = SecretHash.of("secret", 10);

    private static IngestConfig valid() {
        return IngestConfig.of(IngestConfig.Jdbc.of("jdbc:postgresql://127.0.0.1:5432/beffroi", "beffroi", "pw"),
                List.of(new IngestConfig.GatewayEntry("gw-1", "liancourt", HASH)));
    }

    @Test
    void aValidConfigHasNoProblems() {
        assertThat(valid().problems()).isEmpty();
        assertThat(valid().validate().mqtt().port()).isZero();
    }

    @Test
    void everyBadKeyIsNamedAtOnce() {
        IngestConfig bad = valid()
                .withMqtt(new IngestConfig.Mqtt("", 70_000, 4096))
                .withHttp(new IngestConfig.Http("127.0.0.1", -1, 4096))
                .withJdbc(new IngestConfig.Jdbc("jdbc:mysql://x", " ", null, Duration.ofSeconds(5)))
                .withBatch(new IngestConfig.Batch(0, Duration.ofMinutes(1), 0))
                .withGateways(List.of(new IngestConfig.GatewayEntry("gw/1", "t", HASH),
                        new IngestConfig.GatewayEntry("gw-2", "t", "nope"),
                        new IngestConfig.GatewayEntry("gw-2", "t", HASH)));

        ConfigException e = catchThrowableOfType(ConfigException.class, bad::validate);

        assertThat(e.problems()).extracting(p -> p.substring(0, p.indexOf(':'))).containsExactlyInAnyOrder(
                "mqtt.host", "mqtt.port", "http.port", "jdbc.url", "jdbc.user", "jdbc.password", "batch.maxRows",
                "batch.maxDelay", "batch.writers", "gateways[0].id", "gateways[1].secretHash", "gateways[2].id");
    }

    @Test
    void thePasswordNeverShowsInToString() {
        assertThat(valid().toString()).doesNotContain("pw,").contains("password=***");
    }

    @Test
    void yamlIsReadWithThePasswordFromTheNamedVariable() {
        String yaml = """
                mqtt: { host: 0.0.0.0, port: 1883 }
                http: { port: 8080 }
                jdbc: { url: "jdbc:postgresql://db/beffroi", user: beffroi, passwordEnv: DB_PW, connectTimeout: 3s }
                batch: { maxRows: 1000, maxDelay: 50ms, writers: 4 }
                gateways:
                  - { id: gw-mairie, tenant: liancourt, secretHash: "%s" }
                """.formatted(HASH);

        IngestConfig c = new ConfigLoader(Map.of("DB_PW", "hunter2")::get).parse(yaml);

        assertThat(c.jdbc().password()).isEqualTo("hunter2");
        assertThat(c.jdbc().connectTimeout()).isEqualTo(Duration.ofSeconds(3));
        assertThat(c.batch()).isEqualTo(new IngestConfig.Batch(1000, Duration.ofMillis(50), 4));
        assertThat(c.http().host()).isEqualTo("127.0.0.1");
        assertThat(c.gateways()).singleElement().extracting(IngestConfig.GatewayEntry::tenant).isEqualTo("liancourt");
    }

    @Test
    void tlsIsReadPerServerAndItsFilesMustBeReadable(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
            throws Exception {
        java.nio.file.Path cert = java.nio.file.Files.writeString(dir.resolve("ingest.crt.pem"), "pem");
        java.nio.file.Path key = java.nio.file.Files.writeString(dir.resolve("ingest.key.pem"), "pem");
        String yaml = """
                mqtt: { host: 0.0.0.0, port: 8883, tls: { certificate: %s, privateKey: %s } }
                http: { port: 8443, tls: { certificate: %s, privateKey: %s/missing.pem } }
                jdbc: { url: "jdbc:postgresql://db/beffroi", user: beffroi, passwordEnv: DB_PW }
                gateways:
                  - { id: gw-mairie, tenant: liancourt, secretHash: "%s" }
                """.formatted(cert, key, cert, dir, HASH);

        ConfigException e = catchThrowableOfType(ConfigException.class,
                () -> new ConfigLoader(Map.of("DB_PW", "x")::get).parse(yaml));

        assertThat(e.problems()).containsExactly("http.tls.privateKey: not a readable file: " + dir + "/missing.pem");
        IngestConfig ok = new ConfigLoader(Map.of("DB_PW", "x")::get).parse(yaml.replace(dir + "/missing.pem", key.toString()));
        assertThat(ok.mqtt().tls()).contains(new IngestConfig.Tls(cert, key));
        assertThat(ok.http().tls()).contains(new IngestConfig.Tls(cert, key));
        ConfigException partial = catchThrowableOfType(ConfigException.class, () -> new ConfigLoader(
                Map.of("DB_PW", "x")::get).parse(yaml.replace(", privateKey: " + key, ", key: " + key)));
        assertThat(partial.problems()).contains("mqtt.tls.key: unknown key (known: certificate, privateKey)",
                "mqtt.tls.privateKey: missing");
    }

    @Test
    void yamlUnknownKeysWrongTypesAndMissingVariableAreAllReported() {
        String yaml = """
                mqtt: { port: many, colour: blue }
                jdbc: { url: "jdbc:postgresql://db/x", user: u, passwordEnv: NOT_SET }
                batch: { maxDelay: 50 }
                extra: 1
                """;

        ConfigException e = catchThrowableOfType(ConfigException.class,
                () -> new ConfigLoader(Map.<String, String>of()::get).parse(yaml));

        assertThat(e.problems()).anyMatch(p -> p.startsWith("mqtt.port: expected an integer"))
                .anyMatch(p -> p.startsWith("mqtt.colour: unknown key"))
                .anyMatch(p -> p.startsWith("jdbc.passwordEnv: environment variable NOT_SET"))
                .anyMatch(p -> p.startsWith("batch.maxDelay: '") && p.contains("is not a duration"))
                .anyMatch(p -> p.startsWith("extra: unknown key"));
        assertThat(e.getMessage()).doesNotContain("hunter2");
    }

    @Test
    void usersAndCommandSettingsAreReadAndChecked() {
        String yaml = """
                jdbc: { url: "jdbc:postgresql://db/beffroi", user: beffroi, passwordEnv: DB_PW }
                users:
                  - { name: alice, tenant: liancourt, tokenHash: "%s", role: operator }
                  - { name: bob, tenant: liancourt, tokenHash: "%s", role: viewer }
                commands: { sweepPeriod: 5s, maxLifetime: 2d }
                """.formatted(HASH, HASH);

        IngestConfig c = new ConfigLoader(Map.of("DB_PW", "hunter2")::get).parse(yaml);

        assertThat(c.users()).extracting(IngestConfig.UserEntry::name, IngestConfig.UserEntry::role)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("alice", IngestConfig.Role.OPERATOR),
                        org.assertj.core.groups.Tuple.tuple("bob", IngestConfig.Role.VIEWER));
        assertThat(c.commands()).isEqualTo(new IngestConfig.Commands(Duration.ofSeconds(5), Duration.ofDays(2)));
        assertThat(valid().commands()).isEqualTo(IngestConfig.Commands.defaults());
    }

    @Test
    void badUsersAreNamedOneByOne() {
        String yaml = """
                jdbc: { url: "jdbc:postgresql://db/beffroi", user: beffroi, passwordEnv: DB_PW }
                users:
                  - { name: alice, tenant: liancourt, tokenHash: "%s", role: admin }
                  - { name: alice, tenant: liancourt, tokenHash: "plain-token", role: viewer, colour: red }
                  - { name: "a b", tenant: liancourt, tokenHash: "%s" }
                commands: { sweepPeriod: 1ms }
                """.formatted(HASH, HASH);

        ConfigException e = catchThrowableOfType(ConfigException.class,
                () -> new ConfigLoader(Map.of("DB_PW", "x")::get).parse(yaml));

        assertThat(e.problems()).extracting(p -> p.substring(0, p.indexOf(':'))).containsExactlyInAnyOrder(
                "users[0].role", "users[1].colour", "users[1].name", "users[1].tokenHash", "users[2].name",
                "users[2].role", "commands.sweepPeriod");
        assertThat(e.getMessage()).doesNotContain("plain-token");
    }

    @Test
    void rulesRoomsAndAccessAreReadAndChecked() throws Exception {
        java.nio.file.Path dir = java.nio.file.Files.createTempDirectory("rules");
        String yaml = """
                jdbc: { url: "jdbc:postgresql://db/beffroi", user: beffroi, passwordEnv: DB_PW }
                rules: { dir: "%s", tickPeriod: 2s }
                rooms:
                  - { tenant: liancourt, room: gym, doors: [door-gym-n, door-gym-s] }
                access: { horizon: 3d, republishPeriod: 30m }
                """.formatted(dir);

        IngestConfig c = new ConfigLoader(Map.of("DB_PW", "x")::get).parse(yaml);

        assertThat(c.rules()).isEqualTo(new IngestConfig.Rules(dir, Duration.ofSeconds(2)));
        assertThat(c.rooms()).containsExactly(new IngestConfig.RoomEntry("liancourt", "gym",
                List.of("door-gym-n", "door-gym-s")));
        assertThat(c.access()).isEqualTo(new IngestConfig.Access(Duration.ofDays(3), Duration.ofMinutes(30)));
        assertThat(valid().rules().dir()).isNull();
        assertThat(valid().access()).isEqualTo(IngestConfig.Access.defaults());
    }

    @Test
    void badRulesRoomsAndAccessAreNamedOneByOne() {
        String yaml = """
                jdbc: { url: "jdbc:postgresql://db/beffroi", user: beffroi, passwordEnv: DB_PW }
                rules: { dir: /no/such/folder, colour: red }
                rooms:
                  - { tenant: liancourt, room: gym, doors: [door-1] }
                  - { tenant: liancourt, room: gym, doors: [door-1, "a/b"] }
                  - { tenant: liancourt, room: hall, doors: [] }
                access: { horizon: 10m }
                """;

        ConfigException e = catchThrowableOfType(ConfigException.class,
                () -> new ConfigLoader(Map.of("DB_PW", "x")::get).parse(yaml));

        assertThat(e.problems()).extracting(p -> p.substring(0, p.indexOf(':'))).containsExactlyInAnyOrder(
                "rules.colour", "rules.dir", "rooms[1].room", "rooms[1].doors[0]", "rooms[1].doors[1]",
                "rooms[2].doors", "access.horizon");
    }
}
