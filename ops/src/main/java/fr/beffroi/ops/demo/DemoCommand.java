package fr.beffroi.ops.demo;

import fr.beffroi.edge.app.AgentStats;
import fr.beffroi.edge.app.ConfigLoader;
import fr.beffroi.edge.app.DefaultDriverFactory;
import fr.beffroi.edge.app.EdgeAgent;
import fr.beffroi.ingest.app.IngestConfig;
import fr.beffroi.ingest.app.IngestNode;
import fr.beffroi.ingest.auth.SecretHash;
import fr.beffroi.ops.embed.EmbeddedDatabase;
import fr.beffroi.ops.stack.ConfigTemplate;
import fr.beffroi.ops.stack.Summary;
import fr.beffroi.sim.face.coap.GroundwaterCoapServer;
import fr.beffroi.sim.face.modbus.BmsModbusServer;
import fr.beffroi.sim.face.modbus.SunSpecModbusServer;
import fr.beffroi.sim.face.modbus.SunSpecUnit;
import fr.beffroi.sim.model.building.BuildingConfig;
import fr.beffroi.sim.model.building.BuildingModel;
import fr.beffroi.sim.model.groundwater.AquiferConfig;
import fr.beffroi.sim.model.groundwater.AquiferModel;
import fr.beffroi.sim.model.pv.PvInverterModel;
import fr.beffroi.sim.time.ScaledClock;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import javax.sql.DataSource;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * The whole system on an embedded default, on loopback: PostgreSQL → ingest node → simulated
 * devices (two SunSpec inverters, a school's BMS, a groundwater probe) → an edge agent running the
 * building gateway config shipped in {@code ops/src/main/resources/gateways/building.yaml}, polling
 * them, buffering and forwarding over MQTT. Prints progress while it runs; at the end it drains the
 * gateway and prints the summary line.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = "Run simulated devices → edge agent → ingest → PostgreSQL on 127.0.0.1 and show the flow.")
public final class DemoCommand implements Callable<Integer> {
    private static final String TENANT = "liancourt";
    private static final String GATEWAY = "gw-mairie";
    private static final String PASSWORD_ENV = "BEFFROI_MQTT_PASSWORD";
    /** The gateway config the demo runs, from {@code ops/src/main/resources/gateways/}. */
    private static final String TEMPLATE = "building";
    private static final ZoneId PARIS = ZoneId.of("Europe/Paris");

    @Option(names = "--duration", description = "How long to run before draining and stopping (e.g. 60s, 5m); "
            + "default: until Ctrl-C.")
    Duration duration;

    @Option(names = "--poll", defaultValue = "1s", description = "Poll interval per inverter (default: ${DEFAULT-VALUE}).")
    Duration poll;

    @Option(names = "--progress", defaultValue = "5s", description = "Time between progress lines (default: ${DEFAULT-VALUE}).")
    Duration progress;

    @Option(names = "--sim-date", description = "Day the simulated sun follows, at local noon when the demo starts "
            + "(e.g. 2026-06-21); default: today.")
    LocalDate simDate;

    @Option(names = "--seed", defaultValue = "1", description = "Seed of the simulated clouds (default: ${DEFAULT-VALUE}).")
    long seed;

    private final PrintStream out = System.out;

    @Override
    public Integer call() throws Exception {
        if (poll.isZero() || poll.isNegative()) throw new IllegalArgumentException("--poll: must be > 0");
        CountDownLatch stop = new CountDownLatch(1);
        CountDownLatch finished = new CountDownLatch(1);
        Thread hook = new Thread(() -> {
            stop.countDown();
            try {
                finished.await(90, TimeUnit.SECONDS); // let the demo drain and print its summary
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "demo-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            return run(stop);
        } finally {
            finished.countDown();
        }
    }

    private int run(CountDownLatch stop) throws Exception {
        Path runDir = Files.createTempDirectory("beffroi-demo-");
        String secret = Base64.getUrlEncoder().withoutPadding().encodeToString(new SecureRandom().generateSeed(24));
        out.println("beffroi demo: run directory " + runDir);

        try (EmbeddedDatabase db = EmbeddedDatabase.start(runDir.resolve("pg"))) {
            out.println("  database   PostgreSQL on 127.0.0.1:" + db.port() + " (embedded)");
            IngestConfig ingestConfig = IngestConfig.of(
                    IngestConfig.Jdbc.of(db.jdbcUrl(), EmbeddedDatabase.USER, EmbeddedDatabase.USER),
                    List.of(new IngestConfig.GatewayEntry(GATEWAY, TENANT, SecretHash.of(secret))));
            Clock simClock = ScaledClock.starting(simStart(), 1.0, Clock.systemUTC());
            try (IngestNode ingest = IngestNode.start(ingestConfig);
                 SunSpecModbusServer pv = SunSpecModbusServer.start("127.0.0.1", 0, List.of(
                         SunSpecUnit.of(1, PvInverterModel.create(seed * 1000 + 1, 36.0, simClock)).withMpptExtension(),
                         SunSpecUnit.of(2, PvInverterModel.create(seed * 1000 + 2, 24.0, simClock))));
                 BmsModbusServer bms = BmsModbusServer.start("127.0.0.1", 0,
                         BuildingModel.create(BuildingConfig.school(seed), Clock.systemUTC()));
                 GroundwaterCoapServer probe = GroundwaterCoapServer.start("127.0.0.1", 0, "piezo-plateau",
                         new AquiferModel(AquiferConfig.plateau(seed), Clock.systemUTC()))) {
                out.println("  ingest     MQTT 127.0.0.1:" + ingest.mqttPort() + ", HTTP http://127.0.0.1:"
                        + ingest.httpPort() + " (/health, /metrics)");
                out.println("  simulators PV: 2 SunSpec inverters (36 kWc with 2 MPPT strings, 24 kWc) on Modbus TCP 127.0.0.1:" + pv.port()
                        + ", sun of " + simStart().atZone(PARIS).toLocalDate());
                out.println("             BMS: a school on Modbus TCP 127.0.0.1:" + bms.port()
                        + "; groundwater probe on " + probe.uri());

                Path configFile = runDir.resolve("gateway.yaml");
                Files.writeString(configFile, ConfigTemplate.gateway(TEMPLATE).fill(Map.of(
                        "mqttPort", String.valueOf(ingest.mqttPort()),
                        "bufferPath", runDir.resolve("buffer.db").toString(),
                        "pvPort", String.valueOf(pv.port()),
                        "bmsPort", String.valueOf(bms.port()),
                        "probeUri", probe.uri().toString(),
                        "pollInterval", poll.toMillis() + "ms")));
                EdgeAgent agent = new EdgeAgent(ConfigLoader.load(configFile), new DefaultDriverFactory(Clock.systemUTC()),
                        Clock.systemUTC(), name -> PASSWORD_ENV.equals(name) ? secret : null);
                try {
                    agent.start();
                    out.println("  edge agent " + TENANT + "/" + GATEWAY + " (ops gateways/" + TEMPLATE + ".yaml) polling every "
                            + poll.toMillis() + " ms, config " + configFile);
                    out.println(duration == null ? "running until Ctrl-C" : "running for " + duration.toSeconds() + " s");
                    showProgress(agent, db.dataSource(), stop);
                    return finish(agent, db.dataSource());
                } finally {
                    agent.close();
                }
            }
        } finally {
            deleteQuietly(runDir);
        }
    }

    private Instant simStart() {
        LocalDate day = simDate != null ? simDate : LocalDate.now(PARIS);
        return day.atTime(LocalTime.NOON).atZone(PARIS).toInstant();
    }

    private void showProgress(EdgeAgent agent, DataSource db, CountDownLatch stop) throws Exception {
        long started = System.nanoTime();
        long deadline = duration == null ? Long.MAX_VALUE : started + duration.toNanos();
        long lastStored = 0;
        long lastAt = started;
        while (true) {
            long wait = Math.min(progress.toNanos(), deadline - System.nanoTime());
            if (wait <= 0 || stop.await(wait, TimeUnit.NANOSECONDS)) return;
            long now = System.nanoTime();
            long stored = storedCount(db);
            double rate = (stored - lastStored) / ((now - lastAt) / 1e9);
            AgentStats s = agent.stats();
            out.printf("[%4ds] stored %,d (%.0f/s)  produced %,d  buffered %d  in-flight %d  uplink %s  | %s%n",
                    (now - started) / 1_000_000_000L, stored, rate, s.produced(), s.buffered(), s.inFlightBatches(),
                    s.connected() ? "up" : "DOWN", latestValues(db));
            lastStored = stored;
            lastAt = now;
        }
    }

    private int finish(EdgeAgent agent, DataSource db) throws Exception {
        out.println("stopping polls; draining the gateway buffer ...");
        agent.stopPolling();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        AgentStats s = agent.stats();
        while ((s.buffered() > 0 || s.inFlightBatches() > 0) && System.nanoTime() < deadline) {
            Thread.sleep(100);
            s = agent.stats();
        }
        if (s.buffered() > 0) out.println("warning: " + s.buffered() + " readings still buffered after 60 s");
        out.println(perDevice(db));
        Summary summary = Summary.of(db, TENANT, GATEWAY, s.produced(), s.rejected());
        out.println(summary.line());
        return summary.clean() ? 0 : 1;
    }

    private static long storedCount(DataSource db) throws Exception {
        try (Connection c = db.getConnection();
             PreparedStatement q = c.prepareStatement("select count(*) from reading where tenant = ? and gateway = ?")) {
            q.setString(1, TENANT);
            q.setString(2, GATEWAY);
            try (ResultSet r = q.executeQuery()) {
                r.next();
                return r.getLong(1);
            }
        }
    }

    /** One value per device family, the latest stored: what a technician would glance at. */
    private static final List<String[]> GLANCE = List.of(
            new String[]{"pv-gymnase", "W"}, new String[]{"pv-ecole", "W"},
            new String[]{"bms-ecole", "zone1.roomTemp"}, new String[]{"bms-ecole", "heatPower"},
            new String[]{"piezo-plateau", "level"});

    private static String latestValues(DataSource db) throws Exception {
        StringJoiner line = new StringJoiner("  ");
        try (Connection c = db.getConnection();
             PreparedStatement q = c.prepareStatement("select value, unit from reading where tenant = ? and device = ? "
                     + "and point = ? order by ts desc limit 1")) {
            for (String[] g : GLANCE) {
                q.setString(1, TENANT);
                q.setString(2, g[0]);
                q.setString(3, g[1]);
                try (ResultSet r = q.executeQuery()) {
                    if (r.next()) {
                        line.add(g[0] + " " + g[1] + "=" + String.format("%.1f", r.getDouble(1))
                                + ("1".equals(r.getString(2)) ? "" : " " + r.getString(2)));
                    }
                }
            }
        }
        return line.toString();
    }

    /** Readings stored per device, for the end of the run. */
    private static String perDevice(DataSource db) throws Exception {
        StringJoiner line = new StringJoiner(", ", "stored per device: ", "");
        try (Connection c = db.getConnection();
             PreparedStatement q = c.prepareStatement("select device, count(*) from reading where tenant = ? "
                     + "group by device order by device")) {
            q.setString(1, TENANT);
            try (ResultSet r = q.executeQuery()) {
                while (r.next()) line.add(r.getString(1) + " " + r.getLong(2));
            }
        }
        return line.toString();
    }

    private static void deleteQuietly(Path dir) {
        try (var paths = Files.walk(dir)) {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (Exception e) {
            System.err.println("could not remove " + dir + ": " + e);
        }
    }
}
