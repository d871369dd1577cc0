package fr.beffroi.ops.bench;

import fr.beffroi.edge.app.AgentConfig;
import fr.beffroi.edge.app.ConfigLoader;
import fr.beffroi.edge.app.EdgeAgent;
import fr.beffroi.edge.app.UplinkConfig;
import fr.beffroi.edge.buffer.ReadingBuffer;
import fr.beffroi.edge.buffer.WhenFull;
import fr.beffroi.ingest.app.IngestConfig;
import fr.beffroi.ingest.app.IngestNode;
import fr.beffroi.ingest.auth.SecretHash;
import fr.beffroi.ingest.store.CopyText;
import fr.beffroi.ingest.store.Partitions;
import fr.beffroi.ingest.store.ReadingStore;
import fr.beffroi.ops.embed.EmbeddedDatabase;
import fr.beffroi.ops.stack.GatewayYaml;
import fr.beffroi.profiles.wire.Quality;
import fr.beffroi.profiles.wire.Reading;
import fr.beffroi.profiles.wire.ReadingBatch;
import fr.beffroi.profiles.wire.WireCodec;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import org.postgresql.PGConnection;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import javax.sql.DataSource;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * Durable ingest against raw COPY into the same table, same indexes, same database, in the same run.
 * Three paths, each from the same readings to the same committed rows:
 * <ul>
 *   <li>raw COPY: the rows COPYed straight into {@code reading}, in transactions of the ingest's batch
 *       size, by one connection and by as many as the ingest has writers (the faster is the baseline);
 *   <li>durable ingest: gateways publish batches encoded before the clock starts (as a gateway's
 *       uplink does, same window of unacknowledged batches) and the clock stops when the ingest has
 *       decoded, deduplicated against the ledger, COPYed, committed and acknowledged the last one;
 *   <li>full path: readings already in the gateways' SQLite buffers are read, encoded, published,
 *       ingested as above, and deleted from the buffers on their ack — the clock stops when every
 *       buffer is empty. The gateways run in this process, on the ingest's and the database's cores,
 *       which they never share in production.
 * </ul>
 * Every phase checks that exactly its readings were stored. Prints a table of the best round of each
 * path, then each path's ratio to the raw COPY of the same round, and last the medians of those:
 * {@code full_path_vs_copy=<ratio>} and {@code ingest_vs_copy=<ratio>} (durable ingest over the baseline).
 */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Measure durable ingest rows/s (MQTT in to committed and acknowledged) against raw COPY rows/s "
                + "into the same table, and the full path from the gateways' SQLite buffers.")
public final class IngestBenchCommand implements Callable<Integer> {
    private static final String TENANT = "bench";
    private static final String PASSWORD_ENV = "BEFFROI_BENCH_MQTT_PASSWORD";
    private static final String[] POINTS = {"W", "WH", "DCV", "Hz", "St", "Evt1"};
    private static final String[] UNITS = {"W", "W.h", "V", "Hz", "1", "1"};

    @Option(names = "--readings", defaultValue = "200000", description = "Readings per phase (default: ${DEFAULT-VALUE}).")
    int readings;

    @Option(names = "--gateways", defaultValue = "4", description = "Gateways sending at once (default: ${DEFAULT-VALUE}).")
    int gateways;

    @Option(names = "--edge-batch", defaultValue = "1000", description = "Readings per MQTT batch (default: ${DEFAULT-VALUE}).")
    int edgeBatch;

    @Option(names = "--edge-in-flight", defaultValue = "8", description = "Batches each gateway keeps published and "
            + "unacknowledged, as the gateway config's maxInFlightBatches (default: ${DEFAULT-VALUE}, the agent's).")
    int edgeInFlight;

    @Option(names = "--warmup", defaultValue = "-1", description = "Readings of each unmeasured warm-up phase; "
            + "-1 means as many as a phase (default: ${DEFAULT-VALUE}).")
    int warmup;

    @Option(names = "--warmup-rounds", defaultValue = "3", description = "Unmeasured rounds of every path before the "
            + "measured ones (default: ${DEFAULT-VALUE}).")
    int warmupRounds;

    @Option(names = "--rounds", defaultValue = "5", description = "Measured rounds; the ratios printed last are "
            + "medians over them (default: ${DEFAULT-VALUE}).")
    int rounds;

    @Override
    public Integer call() throws Exception {
        Path runDir = Files.createTempDirectory("beffroi-bench-");
        try (EmbeddedDatabase db = EmbeddedDatabase.start(null)) {
            String secret = "bench-secret";
            List<IngestConfig.GatewayEntry> entries = new ArrayList<>();
            for (int g = 0; g < gateways; g++) {
                entries.add(new IngestConfig.GatewayEntry(gateway(g), TENANT, SecretHash.of(secret, 1_000)));
            }
            IngestConfig config = IngestConfig.of(
                    IngestConfig.Jdbc.of(db.jdbcUrl(), EmbeddedDatabase.USER, EmbeddedDatabase.USER), entries);
            int copyBatch = config.batch().maxRows();
            System.out.printf("bench: %,d readings a phase, %d gateways, %d readings a MQTT batch, %d batches in flight "
                            + "a gateway, ingest transactions of up to %d rows with %d writers; PostgreSQL on 127.0.0.1:%d%n",
                    readings, gateways, edgeBatch, edgeInFlight, copyBatch, config.batch().writers(), db.port());

            int writers = config.batch().writers();
            double bestCopy1 = 0;
            double bestCopyN = 0;
            double bestIngest = 0;
            double bestFull = 0;
            List<Double> ingestRatios = new ArrayList<>();
            List<Double> fullRatios = new ArrayList<>();
            try (IngestNode ingest = IngestNode.start(config)) {
                // Warm-up of every path (JIT, partition creation, connection pools), not counted. The
                // ingest paths run far more code (SQLite, Jackson, Paho, Netty, JDBC) than COPY, and
                // the JIT, sharing the two cores, kept improving them for several phases: with one
                // warm-up phase the ingest's JVM CPU per row still fell by half between the first and
                // the fifth measured round. A node runs for weeks; its steady state is what counts.
                CpuMeter cpu = new CpuMeter(db.dataSource());
                int warm = warmup < 0 ? readings : warmup;
                for (int w = 0; w < warmupRounds; w++) {
                    truncate(db.dataSource());
                    rawCopy(db.dataSource(), cpu, warm, copyBatch, writers);
                    truncate(db.dataSource());
                    durableIngest(ingest, db.dataSource(), cpu, secret, warm);
                    truncate(db.dataSource());
                    fullPath(ingest, db.dataSource(), cpu, runDir.resolve("warmup-" + w), secret, warm);
                }
                for (int round = 1; round <= rounds; round++) {
                    truncate(db.dataSource());
                    Phase copy1 = rawCopy(db.dataSource(), cpu, readings, copyBatch, 1);
                    truncate(db.dataSource());
                    Phase copyN = rawCopy(db.dataSource(), cpu, readings, copyBatch, writers);
                    truncate(db.dataSource());
                    Phase ingested = durableIngest(ingest, db.dataSource(), cpu, secret, readings);
                    truncate(db.dataSource());
                    Phase full = fullPath(ingest, db.dataSource(), cpu, runDir.resolve("round-" + round), secret,
                            readings);
                    System.out.printf("round %d (rows/s, then CPU ms per 10k rows: JVM / PostgreSQL): raw COPY x1 %,.0f "
                                    + "(%s / %s), raw COPY x%d %,.0f (%s / %s), durable ingest %,.0f (%s / %s), "
                                    + "full path %,.0f (%s / %s)%n",
                            round, copy1.rowsPerSecond(), copy1.jvmPer10k(), copy1.postgresPer10k(),
                            writers, copyN.rowsPerSecond(), copyN.jvmPer10k(), copyN.postgresPer10k(),
                            ingested.rowsPerSecond(), ingested.jvmPer10k(), ingested.postgresPer10k(),
                            full.rowsPerSecond(), full.jvmPer10k(), full.postgresPer10k());
                    bestCopy1 = Math.max(bestCopy1, copy1.rowsPerSecond());
                    bestCopyN = Math.max(bestCopyN, copyN.rowsPerSecond());
                    bestIngest = Math.max(bestIngest, ingested.rowsPerSecond());
                    bestFull = Math.max(bestFull, full.rowsPerSecond());
                    double roundBaseline = Math.max(copy1.rowsPerSecond(), copyN.rowsPerSecond());
                    ingestRatios.add(ingested.rowsPerSecond() / roundBaseline);
                    fullRatios.add(full.rowsPerSecond() / roundBaseline);
                }
            }
            double baseline = Math.max(bestCopy1, bestCopyN);
            System.out.println();
            System.out.println("| path | rows/s (best of " + rounds + ") |");
            System.out.println("|---|---|");
            System.out.printf("| raw COPY, 1 connection, %d rows a transaction | %,.0f |%n", copyBatch, bestCopy1);
            System.out.printf("| raw COPY, %d connections (as many as the ingest's writers), %d rows a transaction | %,.0f |%n",
                    writers, copyBatch, bestCopyN);
            System.out.printf("| durable ingest: MQTT → decode → dedup → COPY → commit → ack, %d gateways | %,.0f |%n",
                    gateways, bestIngest);
            System.out.printf("| full path: SQLite buffer → encode → MQTT → ingest → ack → delete, %d gateways in this "
                    + "process | %,.0f |%n", gateways, bestFull);
            // Against the faster of the two raw COPY forms, so that the ingest's parallel writers earn it nothing.
            System.out.printf("best of each path: ingest %.2f, full path %.2f of raw COPY%n", bestIngest / baseline,
                    bestFull / baseline);
            // The ratios that count pair each path with the COPY of its own round (minutes apart at most):
            // on a shared machine the speed drifts between rounds, and the best rounds of two paths may
            // come from different moments; the median of the pairs is steadier than a ratio of bests.
            System.out.printf("ingest / COPY of the same round: %s%n", ratios(ingestRatios));
            System.out.printf("full path / COPY of the same round: %s%n", ratios(fullRatios));
            System.out.printf("full_path_vs_copy=%.2f%n", median(fullRatios));
            System.out.printf("ingest_vs_copy=%.2f%n", median(ingestRatios));
            return 0;
        } finally {
            try (var paths = Files.walk(runDir)) {
                paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    private static String ratios(List<Double> ratios) {
        StringBuilder out = new StringBuilder();
        for (double r : ratios) out.append(String.format("%.2f ", r));
        return out.append(String.format("(median %.2f)", median(ratios))).toString();
    }

    private static double median(List<Double> values) {
        List<Double> sorted = new ArrayList<>(values);
        sorted.sort(null);
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }

    private static String gateway(int g) {
        return "gw-bench-" + g;
    }

    private static Reading reading(long seq, int device, Instant ts) {
        int p = (int) (seq % POINTS.length);
        return new Reading(seq, "pv-" + device, POINTS[p], ts, 1000.0 + (seq % 977) * 3.25, UNITS[p], Quality.GOOD);
    }

    /** One measured phase: its rate, and the CPU the JVM and PostgreSQL spent in it. */
    private record Phase(int rows, double rowsPerSecond, long[] cpuMillis) {
        static Phase of(int rows, long elapsedNanos, CpuMeter.Sample before, CpuMeter.Sample after) {
            return new Phase(rows, rows / (elapsedNanos / 1e9), after.millisSince(before));
        }

        String jvmPer10k() {
            return per10k(cpuMillis[0]);
        }

        String postgresPer10k() {
            return per10k(cpuMillis[1]);
        }

        private String per10k(long millis) {
            return millis < 0 ? "n/a" : String.format("%.0f", millis * 10_000.0 / rows);
        }
    }

    /**
     * Rows/s of COPYing {@code n} readings straight into {@code reading}, committing every {@code batch},
     * spread over {@code connections} connections at once (each its own slice of the rows).
     */
    private static Phase rawCopy(DataSource ds, CpuMeter cpu, int n, int batch, int connections) throws Exception {
        Instant base = Instant.now();
        try (Connection c = ds.getConnection()) {
            new Partitions().ensure(c, new TreeSet<>(List.of(base.atOffset(ZoneOffset.UTC).toLocalDate(),
                    base.plusMillis(n).atOffset(ZoneOffset.UTC).toLocalDate())));
        }
        List<Connection> open = new ArrayList<>();
        ExecutorService pool = Executors.newFixedThreadPool(connections);
        try {
            for (int k = 0; k < connections; k++) open.add(ds.getConnection());
            CpuMeter.Sample before = cpu.sample();
            long started = System.nanoTime();
            List<Future<?>> slices = new ArrayList<>();
            for (int k = 0; k < connections; k++) {
                Connection c = open.get(k);
                int first = (int) ((long) n * k / connections);
                int last = (int) ((long) n * (k + 1) / connections);
                slices.add(pool.submit(() -> copySlice(c, base, first, last, batch)));
            }
            for (Future<?> f : slices) f.get();
            long elapsed = System.nanoTime() - started;
            // Sampled while the connections are open: a backend's CPU leaves with it.
            return Phase.of(n, elapsed, before, cpu.sample());
        } finally {
            pool.shutdownNow();
            for (Connection c : open) c.close();
        }
    }

    private static Void copySlice(Connection c, Instant base, int first, int last, int batch) throws Exception {
        c.setAutoCommit(false);
        var copy = c.unwrap(PGConnection.class).getCopyAPI();
        for (int from = first; from < last; from += batch) {
            int to = Math.min(last, from + batch);
            CopyText rows = new CopyText(to - from);
            Instant receivedAt = Instant.now();
            for (int i = from; i < to; i++) {
                Reading r = reading(i + 1, i % 16, base.plusMillis(i));
                rows.text(TENANT).text("gw-copy").number(r.seq()).text(r.device()).text(r.point())
                        .timestamp(r.ts()).number(r.value()).text(r.unit()).text(r.quality().name())
                        .timestamp(receivedAt).text(null).endRow(); // attrs: samples have none
            }
            copy.copyIn(ReadingStore.COPY_SQL, new ByteArrayInputStream(rows.toBytes()));
            c.commit();
        }
        return null;
    }

    /** Rows/s from batches encoded in advance to the ack of the last one, as committed, for every gateway. */
    private Phase durableIngest(IngestNode ingest, DataSource ds, CpuMeter cpu, String secret, int n) throws Exception {
        int perGateway = n / gateways;
        Instant base = Instant.now();
        List<PrecodedGateway> senders = new ArrayList<>();
        try {
            for (int g = 0; g < gateways; g++) {
                List<byte[]> batches = new ArrayList<>();
                for (int from = 1; from <= perGateway; from += edgeBatch) {
                    int to = Math.min(perGateway, from + edgeBatch - 1);
                    List<Reading> rs = new ArrayList<>(to - from + 1);
                    for (int seq = from; seq <= to; seq++) rs.add(reading(seq, seq % 16, base.plusMillis(seq)));
                    batches.add(WireCodec.encode(new ReadingBatch(TENANT, gateway(g), from, to, Instant.now(), rs)));
                }
                PrecodedGateway sender = new PrecodedGateway(TENANT, gateway(g), secret, ingest.mqttPort(), batches,
                        edgeInFlight);
                senders.add(sender);
                sender.connect();
            }
            CpuMeter.Sample before = cpu.sample();
            long started = System.nanoTime();
            List<CompletableFuture<Void>> runs = new ArrayList<>();
            for (PrecodedGateway s : senders) runs.add(s.run());
            CompletableFuture.allOf(runs.toArray(CompletableFuture[]::new)).get(10, TimeUnit.MINUTES);
            return ended(ds, cpu, before, started, perGateway * gateways, "durable ingest");
        } finally {
            for (PrecodedGateway s : senders) s.close();
        }
    }

    /** Rows/s from the gateways' full buffers to empty buffers, every reading committed and acknowledged. */
    private Phase fullPath(IngestNode ingest, DataSource ds, CpuMeter cpu, Path dir, String secret, int n)
            throws Exception {
        Files.createDirectories(dir);
        List<EdgeAgent> agents = new ArrayList<>();
        int perGateway = n / gateways;
        Instant base = Instant.now();
        for (int g = 0; g < gateways; g++) {
            // A folder per gateway: the command log and allow-list default to files beside the buffer.
            Path bufferPath = Files.createDirectories(dir.resolve(gateway(g))).resolve("buffer.db");
            fill(bufferPath, perGateway, base);
            String yaml = new GatewayYaml(TENANT, gateway(g), ingest.mqttPort(), PASSWORD_ENV, bufferPath, edgeBatch,
                    Duration.ofSeconds(30), List.of()).render();
            AgentConfig parsed = ConfigLoader.parse(yaml);
            UplinkConfig u = parsed.uplink();
            AgentConfig config = new AgentConfig(parsed.gateway(), new UplinkConfig(u.url(), u.username(),
                    u.password(), u.batchMaxReadings(), edgeInFlight, u.ackTimeout(), u.reconnectBackoffMin(),
                    u.reconnectBackoffMax(), u.sessionExpiry()), parsed.buffer(), parsed.metrics(), parsed.devices());
            agents.add(new EdgeAgent(config, (d, ctx) -> {
                throw new IllegalStateException("no devices in the benchmark");
            }, Clock.systemUTC(), name -> PASSWORD_ENV.equals(name) ? secret : null));
        }
        CpuMeter.Sample before = cpu.sample();
        long started = System.nanoTime();
        try {
            for (EdgeAgent a : agents) a.start();
            // Nothing appends during the phase, so an agent seen empty stays empty: watch one agent
            // at a time. Polling all of them every 5 ms took their buffers' locks 800 times a
            // second against the uplinks and acks being measured, a few % of the phase's JVM CPU.
            int watched = 0;
            while (true) {
                while (watched < agents.size() && agents.get(watched).stats().buffered() == 0) watched++;
                if (watched == agents.size()) break;
                if (System.nanoTime() - started > Duration.ofMinutes(10).toNanos()) {
                    long left = 0;
                    for (EdgeAgent a : agents) left += a.stats().buffered();
                    throw new IllegalStateException(left + " readings still buffered after 10 minutes");
                }
                Thread.sleep(5);
            }
            return ended(ds, cpu, before, started, perGateway * gateways, "full path");
        } finally {
            for (EdgeAgent a : agents) a.close();
        }
    }

    /**
     * The phase that started at {@code started}, ended now; checked to have stored exactly its rows:
     * a phase that stored more or fewer rows than it sent measured something else, so it fails.
     */
    private static Phase ended(DataSource ds, CpuMeter cpu, CpuMeter.Sample before, long started, int rows,
                               String phase) throws Exception {
        long elapsed = System.nanoTime() - started;
        Phase measured = Phase.of(rows, elapsed, before, cpu.sample());
        try (Connection c = ds.getConnection(); Statement s = c.createStatement();
             var rs = s.executeQuery("select count(*) from reading")) {
            rs.next();
            long stored = rs.getLong(1);
            if (stored != rows) {
                throw new IllegalStateException(phase + ": " + stored + " readings stored, expected " + rows);
            }
        }
        return measured;
    }

    /**
     * Fills one gateway's buffer before the clock starts. A method of its own: inlined in
     * {@link #endToEnd}, its hot loop made the JIT compile all of endToEnd on stack (about 0.2 s
     * of C2), which ran on into the measured phase and was billed to it.
     */
    private static void fill(Path bufferPath, int readings, Instant base) {
        try (ReadingBuffer buffer = ReadingBuffer.open(bufferPath, 10_000_000, WhenFull.REFUSE_NEW,
                Clock.systemUTC(), new PrometheusRegistry())) {
            List<Reading> chunk = new ArrayList<>(10_000);
            for (int i = 0; i < readings; i++) {
                chunk.add(reading(0, i % 16, base.plusMillis(i)));
                if (chunk.size() == 10_000 || i == readings - 1) {
                    buffer.append(chunk);
                    chunk.clear();
                }
            }
        }
    }

    private static void truncate(DataSource ds) throws Exception {
        try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
            s.execute("truncate reading, ingest_range, gateway_cursor");
        }
    }
}
