package fr.beffroi.edge.buffer;

import fr.beffroi.profiles.wire.IsoInstants;
import fr.beffroi.profiles.wire.Quality;
import fr.beffroi.profiles.wire.Reading;
import fr.beffroi.profiles.wire.WireCodec;
import fr.beffroi.profiles.wire.WireFormatException;
import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.sqlite.SQLiteConfig;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
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
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The gateway's durable store-and-forward buffer: readings wait here, in a SQLite file, until the
 * cloud confirmed them. Nothing leaves it except through {@link #confirm} (the cloud committed the
 * range) or {@link #deadLetter} (the cloud refused it; the rows move to a local table).
 *
 * <p>WAL journal with {@code synchronous=FULL}: once {@link #append} returned, the readings survive
 * SIGKILL and power loss. {@link #confirm} alone commits with {@code synchronous=NORMAL} (no fsync
 * of its own): a delete lost to a power cut only brings back readings the cloud already has, which
 * the uplink resends and the cloud counts as duplicates; the next append's fsync covers it anyway.
 * On a gateway's flash that saves one fsync per acknowledged batch.
 *
 * <p>Sequence numbers come from {@code AUTOINCREMENT}, which SQLite keeps in
 * {@code sqlite_sequence}: strictly increasing and never reused, even after deletes or a restart,
 * which is what lets the cloud deduplicate by gateway and seq.
 *
 * <p>One connection, every method synchronized: the writers are the poll threads and the uplink,
 * a few operations a second, so a pool would add risk and nothing else.
 */
public final class ReadingBuffer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ReadingBuffer.class);
    private static final Duration REFUSED_LOG_INTERVAL = Duration.ofMinutes(1);

    private static final String SCHEMA_READINGS = """
            CREATE TABLE IF NOT EXISTS readings (
              seq     INTEGER PRIMARY KEY AUTOINCREMENT,
              device  TEXT NOT NULL,
              point   TEXT NOT NULL,
              ts      TEXT NOT NULL,
              value   REAL,
              unit    TEXT NOT NULL,
              quality TEXT NOT NULL,
              attrs   TEXT
            )""";
    private static final String SCHEMA_DEAD_LETTER = """
            CREATE TABLE IF NOT EXISTS dead_letter (
              seq     INTEGER PRIMARY KEY,
              device  TEXT NOT NULL,
              point   TEXT NOT NULL,
              ts      TEXT NOT NULL,
              value   REAL,
              unit    TEXT NOT NULL,
              quality TEXT NOT NULL,
              reason  TEXT NOT NULL,
              at      TEXT NOT NULL,
              attrs   TEXT
            )""";

    private final Path path;
    private final long maxReadings;
    private final WhenFull whenFull;
    private final Clock clock;
    private final Connection db;
    /** Whether the connection is at synchronous=FULL; only {@link #confirm} lowers it. */
    private boolean synchronousFull = true;
    private long rows;
    private long appended;
    private long confirmed;
    private long refused;
    private long deadLettered;
    private long refusedSinceLog;
    private Instant lastRefusedLog = Instant.MIN;

    private final Counter appendedCounter;
    private final Counter confirmedCounter;
    private final Counter refusedCounter;
    private final Counter deadLetteredCounter;

    private ReadingBuffer(Path path, long maxReadings, WhenFull whenFull, Clock clock, Connection db,
                          PrometheusRegistry registry) throws SQLException {
        this.path = path;
        this.maxReadings = maxReadings;
        this.whenFull = whenFull;
        this.clock = clock;
        this.db = db;
        this.rows = count("readings");
        this.appendedCounter = Counter.builder().name("beffroi_edge_buffer_appended")
                .help("Readings appended to the buffer").register(registry);
        this.confirmedCounter = Counter.builder().name("beffroi_edge_buffer_confirmed")
                .help("Readings deleted from the buffer after the cloud committed them").register(registry);
        this.refusedCounter = Counter.builder().name("beffroi_edge_buffer_refused")
                .help("Readings refused because the buffer was full").register(registry);
        this.deadLetteredCounter = Counter.builder().name("beffroi_edge_buffer_dead_lettered")
                .help("Readings moved to the local dead-letter table after the cloud refused them").register(registry);
        GaugeWithCallback.builder().name("beffroi_edge_buffer_rows")
                .help("Readings in the buffer, waiting for the cloud's confirmation")
                .callback(cb -> cb.call(size())).register(registry);
    }

    /**
     * Opens (or creates) the buffer file.
     *
     * @param maxReadings most unconfirmed readings held; beyond it {@code whenFull} applies
     * @throws BufferException when the file cannot be opened or is not a buffer
     */
    public static ReadingBuffer open(Path path, long maxReadings, WhenFull whenFull, Clock clock,
                                     PrometheusRegistry registry) {
        Objects.requireNonNull(whenFull, "whenFull");
        if (maxReadings < 1) throw new IllegalArgumentException("maxReadings must be >= 1, was " + maxReadings);
        try {
            Connection db = SqliteFiles.open(path, SQLiteConfig.SynchronousMode.FULL, SCHEMA_READINGS,
                    SCHEMA_DEAD_LETTER);
            try (Statement s = db.createStatement()) {
                addAttrsColumn(s, "readings", path);
                addAttrsColumn(s, "dead_letter", path);
                try (ResultSet mode = s.executeQuery("PRAGMA journal_mode")) {
                    String journal = mode.next() ? mode.getString(1) : "?";
                    if (!"wal".equalsIgnoreCase(journal)) {
                        // Some filesystems (network mounts) refuse WAL; still durable, but slower and lock-prone.
                        LOG.warn("buffer {}: journal mode is {}, not WAL", path, journal);
                    }
                }
            }
            db.setAutoCommit(false);
            ReadingBuffer buffer = new ReadingBuffer(path, maxReadings, whenFull, clock, db, registry);
            LOG.info("buffer {} opened: {} readings waiting, highest seq {}", path, buffer.rows, buffer.highestSeq());
            return buffer;
        } catch (SQLException | IOException e) {
            throw new BufferException("cannot open buffer " + path, e);
        }
    }

    /**
     * Upgrades a buffer file written before readings had attributes, in place: a nullable column
     * (a plain sample stores NULL) is added without rewriting the rows, and the readings already
     * waiting read back as samples. Runs in auto-commit, before anything else touches the file.
     */
    private static void addAttrsColumn(Statement s, String table, Path path) throws SQLException {
        try (ResultSet cols = s.executeQuery("PRAGMA table_info(" + table + ")")) {
            while (cols.next()) {
                if ("attrs".equals(cols.getString("name"))) return;
            }
        }
        s.execute("ALTER TABLE " + table + " ADD COLUMN attrs TEXT");
        LOG.info("buffer {}: table {} upgraded with an attrs column", path, table);
    }

    /**
     * Stores readings in one transaction and assigns their sequence numbers (the seq the readings
     * carry is ignored). When they do not all fit, none is stored: a poll's readings stay together.
     */
    public synchronized AppendResult append(List<Reading> readings) {
        if (readings.isEmpty()) return new AppendResult(List.of(), 0);
        if (rows + readings.size() > maxReadings) {
            // WhenFull has a single policy today, REFUSE_NEW; a switch keeps a future one honest.
            switch (whenFull) {
                case REFUSE_NEW -> {
                    return refuse(readings.size());
                }
            }
        }
        List<Long> seqs = new ArrayList<>(readings.size());
        try {
            synchronousFull(true);
        } catch (SQLException e) {
            // Never store a reading without the fsync that makes append durable.
            throw new BufferException("buffer " + path + ": cannot restore synchronous=FULL before an append", e);
        }
        try (PreparedStatement insert = db.prepareStatement(
                "INSERT INTO readings (device, point, ts, value, unit, quality, attrs) VALUES (?, ?, ?, ?, ?, ?, ?)"
                        + " RETURNING seq")) {
            for (Reading r : readings) {
                insert.setString(1, r.device());
                insert.setString(2, r.point());
                insert.setString(3, r.ts().toString());
                insert.setDouble(4, r.value());
                insert.setString(5, r.unit());
                insert.setString(6, r.quality().name());
                // JSON text, NULL for a plain sample (nearly all of them: no JSON work then).
                insert.setString(7, WireCodec.attrsJson(r.attrs()));
                try (ResultSet rs = insert.executeQuery()) {
                    rs.next();
                    seqs.add(rs.getLong(1));
                }
            }
            db.commit();
        } catch (SQLException e) {
            rollback();
            throw new BufferException("buffer " + path + ": append of " + readings.size() + " readings failed", e);
        }
        rows += seqs.size();
        appended += seqs.size();
        appendedCounter.inc(seqs.size());
        return new AppendResult(seqs, 0);
    }

    private AppendResult refuse(int count) {
        refused += count;
        refusedSinceLog += count;
        refusedCounter.inc(count);
        Instant now = clock.instant();
        // The buffer stays full for as long as the uplink is down: one line a minute, not one a poll.
        if (Duration.between(lastRefusedLog, now).compareTo(REFUSED_LOG_INTERVAL) >= 0) {
            LOG.warn("buffer {} full ({} readings): refused {} new readings since last report, {} in total",
                    path, rows, refusedSinceLog, refused);
            lastRefusedLog = now;
            refusedSinceLog = 0;
        }
        return new AppendResult(List.of(), count);
    }

    /** Up to {@code max} readings with a seq above {@code afterSeq}, in seq order. */
    public synchronized List<Reading> peek(long afterSeq, int max) {
        try (PreparedStatement q = db.prepareStatement(
                "SELECT seq, device, point, ts, value, unit, quality, attrs FROM readings WHERE seq > ? ORDER BY seq LIMIT ?")) {
            q.setLong(1, afterSeq);
            q.setInt(2, max);
            List<Reading> out = new ArrayList<>();
            try (ResultSet rs = q.executeQuery()) {
                while (rs.next()) out.add(reading(rs, 8));
            }
            db.commit();
            return out;
        } catch (SQLException e) {
            rollback();
            throw new BufferException("buffer " + path + ": peek after " + afterSeq + " failed", e);
        }
    }

    /** Deletes the readings of {@code [seqFrom, seqTo]}: call only when the cloud committed that range. */
    public synchronized int confirm(long seqFrom, long seqTo) {
        try {
            synchronousFull(false);
        } catch (SQLException e) {
            throw new BufferException("buffer " + path + ": cannot set synchronous=NORMAL for a confirm", e);
        }
        try (PreparedStatement delete = db.prepareStatement("DELETE FROM readings WHERE seq BETWEEN ? AND ?")) {
            delete.setLong(1, seqFrom);
            delete.setLong(2, seqTo);
            int n = delete.executeUpdate();
            db.commit();
            rows -= n;
            confirmed += n;
            confirmedCounter.inc(n);
            return n;
        } catch (SQLException e) {
            rollback();
            throw new BufferException("buffer " + path + ": confirm [" + seqFrom + ", " + seqTo + "] failed", e);
        }
    }

    /** Moves the readings of {@code [seqFrom, seqTo]} to the dead-letter table, in one transaction. */
    public synchronized int deadLetter(long seqFrom, long seqTo, String reason) {
        try {
            synchronousFull(true);
        } catch (SQLException e) {
            throw new BufferException("buffer " + path + ": cannot restore synchronous=FULL before a dead-letter", e);
        }
        try (PreparedStatement copy = db.prepareStatement("""
                INSERT OR REPLACE INTO dead_letter (seq, device, point, ts, value, unit, quality, attrs, reason, at)
                SELECT seq, device, point, ts, value, unit, quality, attrs, ?, ? FROM readings WHERE seq BETWEEN ? AND ?""");
             PreparedStatement delete = db.prepareStatement("DELETE FROM readings WHERE seq BETWEEN ? AND ?")) {
            copy.setString(1, reason == null ? "" : reason);
            copy.setString(2, clock.instant().toString());
            copy.setLong(3, seqFrom);
            copy.setLong(4, seqTo);
            copy.executeUpdate();
            delete.setLong(1, seqFrom);
            delete.setLong(2, seqTo);
            int n = delete.executeUpdate();
            db.commit();
            rows -= n;
            deadLettered += n;
            deadLetteredCounter.inc(n);
            return n;
        } catch (SQLException e) {
            rollback();
            throw new BufferException("buffer " + path + ": dead-letter [" + seqFrom + ", " + seqTo + "] failed", e);
        }
    }

    /** Readings waiting for the cloud's confirmation. */
    public synchronized long size() {
        return rows;
    }

    /** The highest seq ever assigned (0 before the first), even if that reading is gone since. */
    public synchronized long highestSeq() {
        try (Statement s = db.createStatement();
             ResultSet rs = s.executeQuery("SELECT seq FROM sqlite_sequence WHERE name = 'readings'")) {
            long seq = rs.next() ? rs.getLong(1) : 0;
            db.commit();
            return seq;
        } catch (SQLException e) {
            rollback();
            throw new BufferException("buffer " + path + ": cannot read the sequence", e);
        }
    }

    public synchronized long deadLetterSize() {
        return count("dead_letter");
    }

    /** The oldest dead letters, for an operator or a test to look at. */
    public synchronized List<DeadLetter> deadLetters(int max) {
        try (PreparedStatement q = db.prepareStatement(
                "SELECT seq, device, point, ts, value, unit, quality, reason, at, attrs FROM dead_letter ORDER BY seq LIMIT ?")) {
            q.setInt(1, max);
            List<DeadLetter> out = new ArrayList<>();
            try (ResultSet rs = q.executeQuery()) {
                while (rs.next()) out.add(new DeadLetter(reading(rs, 10), rs.getString(8), Instant.parse(rs.getString(9))));
            }
            db.commit();
            return out;
        } catch (SQLException e) {
            rollback();
            throw new BufferException("buffer " + path + ": cannot read dead letters", e);
        }
    }

    /** Readings appended since this buffer was opened. */
    public synchronized long appendedTotal() {
        return appended;
    }

    /** Readings confirmed (deleted after a COMMITTED ack) since this buffer was opened. */
    public synchronized long confirmedTotal() {
        return confirmed;
    }

    /** Readings refused because the buffer was full, since it was opened. */
    public synchronized long refusedTotal() {
        return refused;
    }

    /** Readings dead-lettered after a REJECTED ack since this buffer was opened. */
    public synchronized long deadLetteredTotal() {
        return deadLettered;
    }

    @Override
    public synchronized void close() {
        try {
            db.close();
        } catch (SQLException e) {
            LOG.warn("buffer {}: close failed", path, e);
        }
    }

    /** The connection's current {@code PRAGMA synchronous} (2 is FULL, 1 NORMAL), for tests. */
    synchronized int synchronousSetting() {
        try (Statement s = db.createStatement(); ResultSet rs = s.executeQuery("PRAGMA synchronous")) {
            int level = rs.next() ? rs.getInt(1) : -1;
            db.commit();
            return level;
        } catch (SQLException e) {
            rollback();
            throw new BufferException("buffer " + path + ": cannot read PRAGMA synchronous", e);
        }
    }

    /**
     * Switches the connection between synchronous=FULL and NORMAL. SQLite refuses the change inside
     * a transaction, and with auto-commit off the driver always has one open, so it steps out.
     */
    private void synchronousFull(boolean full) throws SQLException {
        if (synchronousFull == full) return;
        db.commit();
        db.setAutoCommit(true);
        try (Statement s = db.createStatement()) {
            s.execute(full ? "PRAGMA synchronous=FULL" : "PRAGMA synchronous=NORMAL");
        } finally {
            db.setAutoCommit(false);
        }
        synchronousFull = full;
    }

    private Reading reading(ResultSet rs, int attrsColumn) throws SQLException {
        double value = rs.getDouble(5);
        // SQLite stores NaN as NULL, which the driver reads as 0.0: only then is wasNull worth its native call.
        if (value == 0.0 && rs.wasNull()) value = Double.NaN;
        return new Reading(rs.getLong(1), text(rs, 2), text(rs, 3), IsoInstants.parse(text(rs, 4)),
                value, text(rs, 6), Quality.valueOf(text(rs, 7)), attrs(rs, rs.getLong(1), attrsColumn));
    }

    /** A plain sample's NULL costs one native call; only an event's attributes are parsed. */
    private Map<String, String> attrs(ResultSet rs, long seq, int column) throws SQLException {
        byte[] json = rs.getBytes(column);
        if (json == null) return Map.of();
        try {
            return WireCodec.attrsFromJson(new String(json, StandardCharsets.UTF_8));
        } catch (WireFormatException e) {
            // Only this class writes the column: unreadable means the file is damaged.
            throw new SQLException("buffer " + path + ": seq " + seq + " has unreadable attrs: " + e.getMessage(), e);
        }
    }

    /**
     * A TEXT column, read as its UTF-8 bytes. Why not getString: sqlite-jdbc hands the text over in a
     * direct ByteBuffer made through JNI, which made getString most of a peek's CPU (the uplink's
     * largest cost); getBytes copies into a plain array, about three times cheaper. The buffer's
     * text is UTF-8 (SQLite's default, and sqlite-jdbc writes it so). An empty text may come back
     * as null: then the driver's own getString says what it is.
     */
    private static String text(ResultSet rs, int column) throws SQLException {
        byte[] utf8 = rs.getBytes(column);
        return utf8 != null ? new String(utf8, StandardCharsets.UTF_8) : rs.getString(column);
    }

    private long count(String table) {
        try (Statement s = db.createStatement(); ResultSet rs = s.executeQuery("SELECT count(*) FROM " + table)) {
            long n = rs.next() ? rs.getLong(1) : 0;
            db.commit();
            return n;
        } catch (SQLException e) {
            rollback();
            throw new BufferException("buffer " + path + ": cannot count " + table, e);
        }
    }

    private void rollback() {
        try {
            db.rollback();
        } catch (SQLException e) {
            LOG.warn("buffer {}: rollback failed", path, e);
        }
    }
}
