package fr.beffroi.ops.demo;

import fr.beffroi.edge.app.AgentStats;
import fr.beffroi.edge.app.ConfigLoader;
import fr.beffroi.edge.app.DefaultDriverFactory;
import fr.beffroi.edge.app.EdgeAgent;
import fr.beffroi.edge.driver.access.AllowListPolicy;
import fr.beffroi.ingest.app.IngestConfig;
import fr.beffroi.ingest.app.IngestNode;
import fr.beffroi.ingest.auth.SecretHash;
import fr.beffroi.ops.embed.EmbeddedDatabase;
import fr.beffroi.ops.stack.ConfigTemplate;
import fr.beffroi.ops.stack.Summary;
import fr.beffroi.sim.face.modbusrtu.PtyPair;
import io.prometheus.metrics.model.snapshots.CounterSnapshot;
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
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * The whole system on an embedded default, on loopback: PostgreSQL → ingest node → simulated
 * devices of the six families → two edge agents running the gateway configs shipped in
 * {@code ops/src/main/resources/gateways/}: {@code building.yaml} (two SunSpec inverters, a school's
 * BMS, a groundwater probe, a sports hall door) and {@code truck.yaml} (bin-lift RFID reader, GPS,
 * hopper camera), polling them, buffering and forwarding over MQTT. Prints progress while it runs;
 * at the end it drains both gateways and prints the summary line of both together.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = "Run simulated devices → edge agent → ingest → PostgreSQL on 127.0.0.1 and show the flow.")
public final class DemoCommand implements Callable<Integer> {
    private static final String TENANT = "liancourt";
    private static final ZoneId PARIS = ZoneId.of("Europe/Paris");
    /** The bookable room of the demo and the door that lets people in (gateways/building.yaml). */
    private static final String ROOM = "gymnase";
    private static final String DOOR = "porte-gymnase";

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
        if (PtyPair.socat().isEmpty()) {
            // The truck's reader and GPS and the door's badge reader are serial devices: the demo gives
            // them virtual serial lines (pty pairs) made by socat.
            System.err.println("beffroi demo: socat is needed for the simulated serial lines (" + PtyPair.SOCAT
                    + " not found); install it, e.g. apt-get install socat");
            return 2;
        }
        Path runDir = Files.createTempDirectory("beffroi-demo-");
        out.println("beffroi demo: run directory " + runDir);

        try (EmbeddedDatabase db = EmbeddedDatabase.start(runDir.resolve("pg"))) {
            out.println("  database   PostgreSQL on 127.0.0.1:" + db.port() + " (embedded)");
            Map<String, String> secrets = new LinkedHashMap<>();
            for (DemoGateway g : DemoGateway.values()) secrets.put(g.id, newSecret());
            List<IngestConfig.GatewayEntry> entries = new ArrayList<>();
            for (DemoGateway g : DemoGateway.values()) {
                entries.add(new IngestConfig.GatewayEntry(g.id, TENANT, SecretHash.of(secrets.get(g.id))));
            }
            Path rulesDir = rulesDir(runDir);
            // The operator who books the sports hall through the HTTP API, as a town-hall clerk would.
            String operatorToken = "accueil-mairie:" + newSecret();
            IngestConfig ingestConfig = IngestConfig.of(
                            IngestConfig.Jdbc.of(db.jdbcUrl(), EmbeddedDatabase.USER, EmbeddedDatabase.USER), entries)
                    .withUsers(List.of(new IngestConfig.UserEntry("accueil-mairie", TENANT, SecretHash.of(operatorToken),
                            IngestConfig.Role.OPERATOR)))
                    .withRules(IngestConfig.Rules.in(rulesDir))
                    .withRooms(List.of(new IngestConfig.RoomEntry(TENANT, ROOM, List.of(DOOR))));
            Clock sunClock = ScaledClock.starting(simStart(), 1.0, Clock.systemUTC());
            try (IngestNode ingest = IngestNode.start(ingestConfig);
                 BuildingSimulation building = BuildingSimulation.start(runDir, sunClock, seed);
                 TruckSimulation truck = TruckSimulation.start(runDir, simStart().atZone(PARIS).toLocalDate(), seed)) {
                out.println("  ingest     MQTT 127.0.0.1:" + ingest.mqttPort() + ", HTTP http://127.0.0.1:"
                        + ingest.httpPort() + " (/health, /metrics)");
                out.println("  simulators " + building.describe() + ", sun of " + simStart().atZone(PARIS).toLocalDate());
                out.println("             " + truck.describe());

                Map<String, String> buildingValues = new LinkedHashMap<>(building.placeholders());
                buildingValues.put("rulesFile", rulesDir.resolve(TENANT + ".yaml").toString());
                // The doors ask the allow-list the cloud sends down from the bookings, kept by the agent.
                AllowListPolicy access = new AllowListPolicy();
                EdgeAgent buildingAgent = agent(DemoGateway.BUILDING, runDir, ingest, buildingValues, secrets,
                        new DefaultDriverFactory(Clock.systemUTC(), building.gpio(), access), access);
                EdgeAgent truckAgent = agent(DemoGateway.TRUCK, runDir, ingest, truck.placeholders(), secrets,
                        new DefaultDriverFactory(Clock.systemUTC()), new AllowListPolicy());
                Map<DemoGateway, EdgeAgent> agents = new LinkedHashMap<>();
                agents.put(DemoGateway.BUILDING, buildingAgent);
                agents.put(DemoGateway.TRUCK, truckAgent);
                try {
                    for (Map.Entry<DemoGateway, EdgeAgent> a : agents.entrySet()) {
                        a.getValue().start();
                        out.println("  edge agent " + TENANT + "/" + a.getKey().id + " (ops gateways/" + a.getKey().template
                                + ".yaml) polling every " + poll.toMillis() + " ms");
                    }
                    Bookings bookings = new Bookings(ingest.httpPort(), operatorToken, db.dataSource(), out);
                    bookings.bookForTheDemo(TENANT, ROOM, DOOR, BuildingSimulation.BOOKED_BADGES.subList(0, 2), access);
                    // People move once the door driver has claimed its mock lines, at its first poll.
                    building.startDoor(Instant.now().plus(poll).plusSeconds(1),
                            duration == null ? Duration.ofHours(12) : duration, seed);
                    out.println(duration == null ? "running until Ctrl-C" : "running for " + duration.toSeconds() + " s");
                    showProgress(agents, db.dataSource(), stop);
                    int rc = finish(agents, db.dataSource());
                    out.println("simulators: " + truck.counts() + "; " + building.doorCounts());
                    return rc;
                } finally {
                    for (EdgeAgent a : agents.values()) a.close();
                }
            }
        } finally {
            deleteQuietly(runDir);
        }
    }

    /** The demo's two gateways, each run from its config shipped in {@code ops/src/main/resources/gateways/}. */
    private enum DemoGateway {
        BUILDING("gw-mairie", "building", "BEFFROI_MQTT_PASSWORD"),
        TRUCK("gw-bom-12", "truck", "BEFFROI_MQTT_PASSWORD_TRUCK");

        final String id;
        final String template;
        final String passwordEnv;

        DemoGateway(String id, String template, String passwordEnv) {
            this.id = id;
            this.template = template;
            this.passwordEnv = passwordEnv;
        }
    }

    private EdgeAgent agent(DemoGateway g, Path runDir, IngestNode ingest, Map<String, String> devices,
                            Map<String, String> secrets, DefaultDriverFactory drivers, AllowListPolicy access)
            throws Exception {
        Map<String, String> values = new LinkedHashMap<>(devices);
        values.put("mqttPort", String.valueOf(ingest.mqttPort()));
        // Each gateway its own folder: its command log, rule state and allow-list live beside its buffer.
        values.put("bufferPath", Files.createDirectories(runDir.resolve(g.id)).resolve("buffer.db").toString());
        values.put("pollInterval", poll.toMillis() + "ms");
        Path configFile = runDir.resolve(g.id + ".yaml");
        Files.writeString(configFile, ConfigTemplate.gateway(g.template).fill(values));
        String secret = secrets.get(g.id);
        return new EdgeAgent(ConfigLoader.load(configFile), drivers, access, Clock.systemUTC(),
                name -> g.passwordEnv.equals(name) ? secret : null);
    }

    /** The commune's rule file shipped in {@code ops/src/main/resources/rules/}, copied where ingest and agent read it. */
    private static Path rulesDir(Path runDir) throws Exception {
        Path dir = Files.createDirectories(runDir.resolve("rules"));
        String resource = "rules/" + TENANT + ".yaml";
        try (var in = DemoCommand.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) throw new IllegalStateException("no rule file " + resource + " on the class path");
            Files.copy(in, dir.resolve(TENANT + ".yaml"));
        }
        return dir;
    }

    private static String newSecret() {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(new SecureRandom().generateSeed(24));
    }

    private Instant simStart() {
        LocalDate day = simDate != null ? simDate : LocalDate.now(PARIS);
        return day.atTime(LocalTime.NOON).atZone(PARIS).toInstant();
    }

    private void showProgress(Map<DemoGateway, EdgeAgent> agents, DataSource db, CountDownLatch stop) throws Exception {
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
            long produced = 0;
            long buffered = 0;
            long inFlight = 0;
            StringJoiner uplinks = new StringJoiner(" ");
            for (Map.Entry<DemoGateway, EdgeAgent> a : agents.entrySet()) {
                AgentStats s = a.getValue().stats();
                produced += s.produced();
                buffered += s.buffered();
                inFlight += s.inFlightBatches();
                uplinks.add(a.getKey().template + (s.connected() ? " up" : " DOWN"));
            }
            out.printf("[%4ds] stored %,d (%.0f/s)  produced %,d  buffered %d  in-flight %d  uplink %s  | %s%n",
                    (now - started) / 1_000_000_000L, stored, rate, produced, buffered, inFlight, uplinks,
                    latestValues(db));
            lastStored = stored;
            lastAt = now;
        }
    }

    private int finish(Map<DemoGateway, EdgeAgent> agents, DataSource db) throws Exception {
        out.println("stopping polls; draining the gateway buffers ...");
        agents.values().forEach(EdgeAgent::stopPolling);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        Summary total = new Summary(0, 0, 0, 0);
        for (Map.Entry<DemoGateway, EdgeAgent> a : agents.entrySet()) {
            AgentStats s = a.getValue().stats();
            while ((s.buffered() > 0 || s.inFlightBatches() > 0) && System.nanoTime() < deadline) {
                Thread.sleep(100);
                s = a.getValue().stats();
            }
            if (s.buffered() > 0) {
                out.println("warning: " + a.getKey().id + ": " + s.buffered() + " readings still buffered after 60 s");
            }
            total = total.plus(Summary.of(db, TENANT, a.getKey().id, s.produced(), s.rejected()));
        }
        out.println(perDevice(db));
        out.println(events(db));
        out.println(health(agents));
        Bookings.printActions(db, TENANT, out);
        out.println(total.line());
        return total.clean() ? 0 : 1;
    }

    /** Each device's health at the end: a technician sees which device failed, and why. */
    private static String health(Map<DemoGateway, EdgeAgent> agents) {
        StringJoiner line = new StringJoiner(", ", "device health: ", "");
        StringJoiner corrupt = new StringJoiner(", ", "corrupt frames refused and kept: ", "");
        for (EdgeAgent a : agents.values()) {
            a.health().forEach(h -> line.add(h.deviceId() + " " + h.status()
                    + (h.reason() == null ? "" : " (" + h.reason() + ")")));
            for (var snapshot : a.registry().scrape()) {
                if (snapshot.getMetadata().getName().equals("beffroi_edge_corrupt_frames")
                        && snapshot instanceof CounterSnapshot counter) {
                    counter.getDataPoints().forEach(d -> corrupt.add(d.getLabels().get("device") + " " + (long) d.getValue()));
                }
            }
        }
        return line + "\n" + corrupt;
    }

    /** The events of the demo's device profiles (waste/binlift-rfid, waste/hopper-camera, access/door-lock). */
    private static final List<String> EVENT_POINTS = List.of("lift", "verdict", "unlocked", "denied", "opened", "closed",
            "forced", "heldOpen");

    /** Events stored per device and kind (lifts, verdicts, door events...), for the end of the run. */
    private static String events(DataSource db) throws Exception {
        StringJoiner line = new StringJoiner(", ", "events stored: ", "");
        try (Connection c = db.getConnection();
             PreparedStatement q = c.prepareStatement("select device, point, count(*) from reading where tenant = ? "
                     + "and point = any(?) group by device, point order by device, point")) {
            q.setString(1, TENANT);
            q.setArray(2, c.createArrayOf("text", EVENT_POINTS.toArray()));
            try (ResultSet r = q.executeQuery()) {
                while (r.next()) line.add(r.getString(1) + " " + r.getString(2) + " " + r.getLong(3));
            }
        }
        return line.toString();
    }

    private static long storedCount(DataSource db) throws Exception {
        try (Connection c = db.getConnection();
             PreparedStatement q = c.prepareStatement("select count(*) from reading where tenant = ?")) {
            q.setString(1, TENANT);
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
            new String[]{"piezo-plateau", "level"}, new String[]{"gps-bom-12", "speed"},
            new String[]{"rfid-bom-12", "lift"});

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
