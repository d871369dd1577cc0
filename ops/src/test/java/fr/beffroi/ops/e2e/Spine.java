package fr.beffroi.ops.e2e;

import fr.beffroi.edge.app.ConfigLoader;
import fr.beffroi.edge.app.DefaultDriverFactory;
import fr.beffroi.edge.app.EdgeAgent;
import fr.beffroi.edge.app.EdgeAgentMain;
import fr.beffroi.edge.buffer.ReadingBuffer;
import fr.beffroi.edge.buffer.WhenFull;
import fr.beffroi.ingest.app.IngestConfig;
import fr.beffroi.ingest.app.IngestNode;
import fr.beffroi.ingest.auth.SecretHash;
import fr.beffroi.ops.embed.EmbeddedDatabase;
import fr.beffroi.ops.stack.GatewayYaml;
import fr.beffroi.ops.stack.Summary;
import fr.beffroi.sim.face.modbus.SunSpecModbusServer;
import fr.beffroi.sim.face.modbus.SunSpecUnit;
import fr.beffroi.sim.model.pv.PvInverterModel;
import fr.beffroi.sim.time.ScaledClock;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.sql.DataSource;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The spine of the system on loopback, for end-to-end tests: a real PostgreSQL, a real ingest node
 * (its MQTT endpoint), the real SunSpec simulator on Modbus TCP with several inverters (unit ids
 * 1..n), and edge agents — in this JVM or as their own process — configured through the same
 * YAML a real gateway reads. The ingest node can be stopped and restarted on the same MQTT port
 * and database, which is what a gateway sees when the cloud goes away and comes back.
 */
final class Spine implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Spine.class);
    static final String TENANT = "liancourt";
    static final String PASSWORD_ENV = "BEFFROI_E2E_MQTT_PASSWORD";
    /** Low PBKDF2 cost: the tests connect often, and the hash strength is not what they verify. */
    private static final int SECRET_ITERATIONS = 1_000;
    /** Local noon at midsummer: the simulated inverters produce, so every point carries a live value. */
    private static final Instant SIM_START = Instant.parse("2026-06-21T10:00:00Z");

    private final Path dir;
    private final EmbeddedDatabase db;
    private final SunSpecModbusServer simulator;
    private final int inverters;
    private final Map<String, String> secrets;
    private IngestConfig ingestConfig;
    private IngestNode ingest;

    private Spine(Path dir, EmbeddedDatabase db, SunSpecModbusServer simulator, int inverters,
                  Map<String, String> secrets) {
        this.dir = dir;
        this.db = db;
        this.simulator = simulator;
        this.inverters = inverters;
        this.secrets = secrets;
    }

    /**
     * Starts the database, the ingest node (MQTT on a free port, kept for restarts) knowing
     * {@code gateways} of {@link #TENANT}, each with its own random secret, and a simulator serving
     * {@code inverters} SunSpec inverters.
     */
    static Spine start(Path dir, int inverters, String... gateways) throws Exception {
        Map<String, String> secrets = new LinkedHashMap<>();
        for (String g : gateways) secrets.put(g, UUID.randomUUID().toString());
        EmbeddedDatabase db = EmbeddedDatabase.start(null);
        SunSpecModbusServer simulator = null;
        try {
            Clock simClock = ScaledClock.starting(SIM_START, 1.0, Clock.systemUTC());
            List<SunSpecUnit> units = new ArrayList<>();
            for (int unit = 1; unit <= inverters; unit++) {
                units.add(SunSpecUnit.of(unit, PvInverterModel.create(1000 + unit, 36.0, simClock)));
            }
            simulator = SunSpecModbusServer.start("127.0.0.1", 0, units);
            Spine spine = new Spine(dir, db, simulator, inverters, secrets);
            spine.startIngest();
            return spine;
        } catch (Exception | Error e) {
            if (simulator != null) simulator.close();
            db.close();
            throw e;
        }
    }

    /** Starts the ingest node; after the first start, on the same MQTT port and the same database. */
    synchronized void startIngest() throws Exception {
        if (ingest != null) throw new IllegalStateException("ingest already running");
        if (ingestConfig == null) {
            List<IngestConfig.GatewayEntry> entries = new ArrayList<>();
            secrets.forEach((g, s) -> entries.add(new IngestConfig.GatewayEntry(g, TENANT, SecretHash.of(s, SECRET_ITERATIONS))));
            IngestConfig config = IngestConfig.of(IngestConfig.Jdbc.of(db.jdbcUrl(), EmbeddedDatabase.USER,
                    EmbeddedDatabase.USER), entries);
            ingest = IngestNode.start(config);
            // Restarts reuse the port the first start picked: the gateways' config names it.
            ingestConfig = config.withMqtt(IngestConfig.Mqtt.loopback(ingest.mqttPort()));
        } else {
            ingest = IngestNode.start(ingestConfig);
        }
        LOG.info("e2e: ingest node up on MQTT 127.0.0.1:{}", ingest.mqttPort());
    }

    /** Stops the ingest node (its endpoints and pool); the database keeps running. */
    synchronized void stopIngest() {
        if (ingest == null) return;
        ingest.close();
        ingest = null;
        LOG.info("e2e: ingest node stopped");
    }

    /** Stops the simulator: the agents' polls fail from now on, so they produce no more readings. */
    void stopSimulator() {
        simulator.close();
    }

    int mqttPort() {
        return ingestConfig.mqtt().port();
    }

    String mqttUrl() {
        return "tcp://127.0.0.1:" + mqttPort();
    }

    String secret(String gateway) {
        return secrets.get(gateway);
    }

    DataSource database() {
        return db.dataSource();
    }

    /**
     * A gateway polling every inverter of the simulator (devices {@code pv-1..pv-n}, unit ids 1..n),
     * its buffer at {@code <dir>/<gateway>/buffer.db}.
     */
    GatewayYaml gateway(String gateway, Duration pollInterval, int batchMaxReadings, Duration ackTimeout) {
        List<GatewayYaml.Inverter> devices = new ArrayList<>();
        for (int unit = 1; unit <= inverters; unit++) {
            devices.add(new GatewayYaml.Inverter("pv-" + unit, simulator.port(), unit, pollInterval));
        }
        return new GatewayYaml(TENANT, gateway, mqttPort(), PASSWORD_ENV, bufferPath(gateway), batchMaxReadings,
                ackTimeout, devices);
    }

    Path bufferPath(String gateway) {
        return dir.resolve(gateway).resolve("buffer.db");
    }

    /** Writes the gateway's YAML, with {@code extraYaml} (top-level keys) appended, and returns its path. */
    Path writeConfig(GatewayYaml yaml, String extraYaml) throws IOException {
        Path file = dir.resolve(yaml.gateway()).resolve("gateway.yaml");
        Files.createDirectories(file.getParent());
        Files.writeString(file, yaml.render() + extraYaml);
        return file;
    }

    /** An agent in this JVM, loaded from the written YAML file, reading its password as a real one would. */
    EdgeAgent agent(GatewayYaml yaml) throws Exception {
        Path file = writeConfig(yaml, "");
        String secret = secret(yaml.gateway());
        return new EdgeAgent(ConfigLoader.load(file), new DefaultDriverFactory(Clock.systemUTC()), Clock.systemUTC(),
                name -> PASSWORD_ENV.equals(name) ? secret : null);
    }

    /**
     * The agent as its own process ({@link EdgeAgentMain}), on this test's classpath, with the
     * gateway's password in its environment; its output goes to {@code log}, appended.
     */
    Process launchAgent(String gateway, Path config, Path log) throws IOException {
        ProcessBuilder pb = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-cp", System.getProperty("java.class.path"), EdgeAgentMain.class.getName(),
                "--config", config.toString())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        pb.environment().put(PASSWORD_ENV, secret(gateway));
        Process p = pb.start();
        LOG.info("e2e: edge agent {} started as process {}, log {}", gateway, p.pid(), log);
        return p;
    }

    /** Opens a gateway's buffer file (no agent may have it open) and reads its highest seq and size. */
    BufferState bufferState(String gateway) {
        try (ReadingBuffer b = ReadingBuffer.open(bufferPath(gateway), 5_000_000, WhenFull.REFUSE_NEW,
                Clock.systemUTC(), new PrometheusRegistry())) {
            return new BufferState(b.highestSeq(), b.size(), b.deadLetterSize());
        }
    }

    /** What a closed buffer file holds: the highest seq ever assigned, unconfirmed and dead-lettered rows. */
    record BufferState(long highestSeq, long size, long deadLettered) {
    }

    /**
     * What the database holds for one gateway. Exactly-once for {@code n} produced readings is
     * {@link #exactly(long) exactly(n)}: n rows, n distinct seqs, from 1 to n.
     */
    record Stored(long rows, long distinctSeqs, long minSeq, long maxSeq) {
        static Stored exactly(long n) {
            return new Stored(n, n, n == 0 ? 0 : 1, n);
        }
    }

    Stored stored(String gateway) throws SQLException {
        try (Connection c = database().getConnection();
             PreparedStatement s = c.prepareStatement("select count(*), count(distinct seq), coalesce(min(seq), 0), "
                     + "coalesce(max(seq), 0) from reading where tenant = ? and gateway = ?")) {
            s.setString(1, TENANT);
            s.setString(2, gateway);
            try (ResultSet r = s.executeQuery()) {
                r.next();
                return new Stored(r.getLong(1), r.getLong(2), r.getLong(3), r.getLong(4));
            }
        }
    }

    /** Distinct devices the database holds readings of, for one gateway. */
    List<String> storedDevices(String gateway) throws SQLException {
        try (Connection c = database().getConnection();
             PreparedStatement s = c.prepareStatement(
                     "select distinct device from reading where tenant = ? and gateway = ? order by device")) {
            s.setString(1, TENANT);
            s.setString(2, gateway);
            List<String> out = new ArrayList<>();
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) out.add(r.getString(1));
            }
            return out;
        }
    }

    Summary summary(String gateway, long produced, long deadLettered) throws SQLException {
        return Summary.of(database(), TENANT, gateway, produced, deadLettered);
    }

    /** One row of the ingest's dead_letter table. */
    record DeadLetterRow(String tenant, String gateway, String endpoint, String topic, String reason, byte[] payload) {
    }

    List<DeadLetterRow> deadLetters(String gateway) throws SQLException {
        try (Connection c = database().getConnection();
             PreparedStatement s = c.prepareStatement("select tenant, gateway, endpoint, topic, reason, payload "
                     + "from dead_letter where gateway = ? order by received_at, id")) {
            s.setString(1, gateway);
            List<DeadLetterRow> out = new ArrayList<>();
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    out.add(new DeadLetterRow(r.getString(1), r.getString(2), r.getString(3), r.getString(4),
                            r.getString(5), r.getBytes(6)));
                }
            }
            return out;
        }
    }

    @Override
    public void close() {
        stopIngest();
        simulator.close();
        db.close();
    }

    /** How long the whole wiring may take to do something once: generous, the build machine is shared. */
    static final Duration PATIENCE = Duration.ofSeconds(60);
}
