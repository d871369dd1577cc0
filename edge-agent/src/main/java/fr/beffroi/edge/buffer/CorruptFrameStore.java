package fr.beffroi.edge.buffer;

import fr.beffroi.edge.driver.CorruptFrame;
import fr.beffroi.edge.driver.CorruptFrameSink;
import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.sqlite.SQLiteConfig;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The edge's dead-letter store for frames drivers refused (bad checksum, missing end byte, garbage
 * on the line): each is kept raw with its reason in the buffer's SQLite file, counted per device in
 * {@code beffroi_edge_corrupt_frames_total}, and logged.
 *
 * <p>Two bounds keep a babbling serial line from filling a gateway's SD card or its log: at most
 * {@code maxFrames} rows are kept (the oldest are pruned, and the prune is logged with how many went:
 * they are diagnostics, not readings, and their count stays in the metric), and each device logs at
 * most one line per {@code logEvery}, saying how many frames it kept quiet about.
 */
public final class CorruptFrameStore implements CorruptFrameSink, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(CorruptFrameStore.class);
    private static final int LOGGED_RAW_BYTES = 64;

    private static final String SCHEMA = """
            CREATE TABLE IF NOT EXISTS corrupt_frame (
                id     INTEGER PRIMARY KEY AUTOINCREMENT,
                device TEXT    NOT NULL,
                at     TEXT    NOT NULL,
                reason TEXT    NOT NULL,
                raw    BLOB    NOT NULL
            )""";

    private final Path path;
    private final Connection db;
    private final long maxFrames;
    private final Duration logEvery;
    private final Clock clock;
    private final Counter counter;
    private final Map<String, LogWindow> logWindows = new HashMap<>();
    private long rows;

    private static final class LogWindow {
        Instant lastLogged;
        long quiet;
    }

    private CorruptFrameStore(Path path, Connection db, long maxFrames, Duration logEvery, Clock clock,
                              PrometheusRegistry registry) throws SQLException {
        this.path = path;
        this.db = db;
        this.maxFrames = maxFrames;
        this.logEvery = logEvery;
        this.clock = clock;
        this.counter = Counter.builder().name("beffroi_edge_corrupt_frames")
                .help("Frames a driver refused as corrupt, kept raw in the edge dead-letter store")
                .labelNames("device").register(registry);
        this.rows = count();
    }

    /**
     * Opens (or creates) the store in the SQLite file at {@code path} (the buffer's file: one file
     * to back up and inspect per gateway).
     */
    public static CorruptFrameStore open(Path path, long maxFrames, Duration logEvery, Clock clock,
                                         PrometheusRegistry registry) {
        if (maxFrames < 1) throw new IllegalArgumentException("maxFrames must be >= 1, was " + maxFrames);
        Objects.requireNonNull(logEvery, "logEvery");
        Objects.requireNonNull(clock, "clock");
        try {
            // A frame refused is evidence, not data the cloud waits for: losing the last one to a power
            // cut is acceptable, fsyncing on every line of serial noise is not.
            Connection db = SqliteFiles.open(path, SQLiteConfig.SynchronousMode.NORMAL,
                    SCHEMA);
            return new CorruptFrameStore(path, db, maxFrames, logEvery, clock, registry);
        } catch (SQLException | IOException e) {
            throw new BufferException("cannot open the corrupt-frame store in " + path, e);
        }
    }

    @Override
    public synchronized void accept(CorruptFrame frame) {
        counter.labelValues(frame.device()).inc();
        log(frame);
        try (PreparedStatement insert = db.prepareStatement(
                "INSERT INTO corrupt_frame (device, at, reason, raw) VALUES (?, ?, ?, ?)")) {
            insert.setString(1, frame.device());
            insert.setString(2, frame.at().toString());
            insert.setString(3, frame.reason());
            insert.setBytes(4, frame.raw());
            insert.executeUpdate();
            rows++;
            if (rows > maxFrames) prune();
        } catch (SQLException e) {
            // The driver's reading thread must go on: the frame is counted and was logged above.
            LOG.error("device {}: corrupt frame could not be kept in {} ({}): {}", frame.device(), path,
                    e.getMessage(), frame);
        }
    }

    private void log(CorruptFrame frame) {
        LogWindow w = logWindows.computeIfAbsent(frame.device(), d -> new LogWindow());
        Instant now = clock.instant();
        if (w.lastLogged != null && now.isBefore(w.lastLogged.plus(logEvery))) {
            w.quiet++;
            return;
        }
        String hex = frame.rawHex();
        String shown = hex.length() > 2 * LOGGED_RAW_BYTES ? hex.substring(0, 2 * LOGGED_RAW_BYTES) + "…" : hex;
        if (w.quiet > 0) {
            LOG.warn("device {}: corrupt frame refused: {} (raw {}, {} bytes); {} more since the last such line",
                    frame.device(), frame.reason(), shown, hex.length() / 2, w.quiet);
        } else {
            LOG.warn("device {}: corrupt frame refused: {} (raw {}, {} bytes)", frame.device(), frame.reason(), shown,
                    hex.length() / 2);
        }
        w.lastLogged = now;
        w.quiet = 0;
    }

    private void prune() throws SQLException {
        long excess = rows - maxFrames;
        try (PreparedStatement delete = db.prepareStatement(
                "DELETE FROM corrupt_frame WHERE id IN (SELECT id FROM corrupt_frame ORDER BY id LIMIT ?)")) {
            delete.setLong(1, excess);
            int n = delete.executeUpdate();
            rows -= n;
            LOG.info("corrupt-frame store {}: pruned the {} oldest frames (keeps {}; all are still counted in "
                    + "beffroi_edge_corrupt_frames_total)", path, n, maxFrames);
        }
    }

    /** The newest frames, newest first, for a technician's console or a test. */
    public synchronized List<CorruptFrame> recent(int max) {
        List<CorruptFrame> out = new ArrayList<>();
        try (PreparedStatement q = db.prepareStatement(
                "SELECT device, at, reason, raw FROM corrupt_frame ORDER BY id DESC LIMIT ?")) {
            q.setInt(1, max);
            try (ResultSet rs = q.executeQuery()) {
                while (rs.next()) {
                    out.add(new CorruptFrame(rs.getString(1), Instant.parse(rs.getString(2)), rs.getBytes(4),
                            rs.getString(3)));
                }
            }
            return out;
        } catch (SQLException e) {
            throw new BufferException("cannot read corrupt frames from " + path, e);
        }
    }

    /** Frames kept now. */
    public synchronized long size() {
        return rows;
    }

    private long count() throws SQLException {
        try (Statement s = db.createStatement(); ResultSet rs = s.executeQuery("SELECT count(*) FROM corrupt_frame")) {
            return rs.next() ? rs.getLong(1) : 0;
        }
    }

    @Override
    public synchronized void close() {
        try {
            db.close();
        } catch (SQLException e) {
            LOG.warn("corrupt-frame store {}: close failed: {}", path, e.getMessage());
        }
    }
}
