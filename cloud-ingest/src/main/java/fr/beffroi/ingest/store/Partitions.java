package fr.beffroi.ingest.store;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Daily partitions of {@code reading} on plain PostgreSQL, created before a batch that needs them.
 * Known days are cached; creation runs in its own short transaction under an advisory lock, so that
 * two writers never race on the same partition. On TimescaleDB (a hypertable, not a partitioned
 * table) this does nothing: chunks appear by themselves.
 */
public final class Partitions {
    private static final Logger LOG = LoggerFactory.getLogger(Partitions.class);
    private static final long LOCK_KEY = 0x62656666726F6970L;
    private static final DateTimeFormatter NAME = DateTimeFormatter.ofPattern("yyyyMMdd");

    private final Set<LocalDate> known = ConcurrentHashMap.newKeySet();
    private volatile Boolean partitioned;

    /** Makes sure a partition exists for each day (UTC); call outside the write transaction. */
    public void ensure(Connection c, Set<LocalDate> days) throws SQLException {
        if (!isPartitioned(c)) return;
        Set<LocalDate> missing = new TreeSet<>();
        for (LocalDate d : days) if (!known.contains(d)) missing.add(d);
        if (missing.isEmpty()) return;
        boolean autoCommit = c.getAutoCommit();
        c.setAutoCommit(false);
        try (Statement s = c.createStatement()) {
            s.execute("SELECT pg_advisory_xact_lock(" + LOCK_KEY + ")");
            for (LocalDate d : missing) {
                String from = d.atStartOfDay(ZoneOffset.UTC).toInstant().toString();
                String to = d.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant().toString();
                s.execute("CREATE TABLE IF NOT EXISTS reading_p" + NAME.format(d) + " PARTITION OF reading"
                        + " FOR VALUES FROM ('" + from + "') TO ('" + to + "')");
            }
            c.commit();
        } catch (SQLException e) {
            c.rollback();
            throw e;
        } finally {
            c.setAutoCommit(autoCommit);
        }
        known.addAll(missing);
        LOG.debug("reading partitions ready for {}", missing);
    }

    private boolean isPartitioned(Connection c) throws SQLException {
        Boolean p = partitioned;
        if (p == null) {
            try (Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery(
                         "SELECT 1 FROM pg_partitioned_table WHERE partrelid = 'reading'::regclass")) {
                p = rs.next();
            }
            partitioned = p;
            LOG.info("reading table uses {}", p ? "native daily partitions" : "TimescaleDB chunks");
        }
        return p;
    }
}
