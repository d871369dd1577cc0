package fr.beffroi.edge.buffer;

import fr.beffroi.profiles.wire.AllowList;
import fr.beffroi.profiles.wire.IsoInstants;
import fr.beffroi.profiles.wire.WireCodec;
import fr.beffroi.profiles.wire.WireFormatException;
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
import java.util.Optional;

/**
 * The doors' allow-list kept on the gateway, in its own SQLite file (WAL, {@code synchronous=FULL}):
 * {@code allow_list} holds the latest list received, as its wire JSON (one row, replaced whole),
 * so that the doors decide from it after a restart with the cloud unreachable;
 * {@code allow_list_dead_letter} keeps the messages refused, as received, with the reason.
 */
public final class AllowListStore implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(AllowListStore.class);

    private final Path path;
    private final Clock clock;
    private final Connection db;

    private AllowListStore(Path path, Clock clock, Connection db) {
        this.path = path;
        this.clock = clock;
        this.db = db;
    }

    public static AllowListStore open(Path path, Clock clock) {
        try {
            Connection db = SqliteFiles.open(path, SQLiteConfig.SynchronousMode.FULL,
                    "CREATE TABLE IF NOT EXISTS allow_list (id INTEGER PRIMARY KEY CHECK (id = 1),"
                        + " version INTEGER NOT NULL, received_at TEXT NOT NULL, list TEXT NOT NULL)",
                    "CREATE TABLE IF NOT EXISTS allow_list_dead_letter (id INTEGER PRIMARY KEY AUTOINCREMENT,"
                        + " received_at TEXT NOT NULL, reason TEXT NOT NULL, payload BLOB NOT NULL)");
            return new AllowListStore(path, clock, db);
        } catch (SQLException | IOException e) {
            throw new BufferException("cannot open allow-list store " + path, e);
        }
    }

    /** The latest list stored, if any (one that cannot be read any more is logged and left out). */
    public synchronized Optional<AllowList> latest() {
        try (Statement s = db.createStatement(); ResultSet rs = s.executeQuery("SELECT list FROM allow_list")) {
            if (!rs.next()) return Optional.empty();
            try {
                return Optional.of(WireCodec.decodeAllowList(rs.getBytes(1)));
            } catch (WireFormatException e) {
                LOG.error("allow-list store {}: stored list unreadable, doors deny until a new one comes: {}", path,
                        e.getMessage());
                return Optional.empty();
            }
        } catch (SQLException e) {
            throw new BufferException("allow-list store " + path + ": cannot read", e);
        }
    }

    /** Replaces the stored list. */
    public synchronized void save(AllowList list) {
        try (PreparedStatement ps = db.prepareStatement("INSERT INTO allow_list (id, version, received_at, list)"
                + " VALUES (1, ?, ?, ?) ON CONFLICT (id) DO UPDATE SET version = excluded.version,"
                + " received_at = excluded.received_at, list = excluded.list")) {
            ps.setLong(1, list.version());
            ps.setString(2, IsoInstants.format(clock.instant()));
            ps.setBytes(3, WireCodec.encode(list));
            ps.executeUpdate();
        } catch (SQLException e) {
            throw new BufferException("allow-list store " + path + ": cannot save version " + list.version(), e);
        }
    }

    /** Keeps a refused allow-list message as received, with the reason. */
    public synchronized void deadLetter(byte[] payload, String reason) {
        try (PreparedStatement ps = db.prepareStatement(
                "INSERT INTO allow_list_dead_letter (received_at, reason, payload) VALUES (?, ?, ?)")) {
            ps.setString(1, IsoInstants.format(clock.instant()));
            ps.setString(2, reason);
            ps.setBytes(3, payload);
            ps.executeUpdate();
        } catch (SQLException e) {
            throw new BufferException("allow-list store " + path + ": cannot keep a refused list", e);
        }
    }

    public synchronized long deadLetterSize() {
        try (Statement s = db.createStatement();
             ResultSet rs = s.executeQuery("SELECT count(*) FROM allow_list_dead_letter")) {
            rs.next();
            return rs.getLong(1);
        } catch (SQLException e) {
            throw new BufferException("allow-list store " + path + ": cannot count dead letters", e);
        }
    }

    @Override
    public synchronized void close() {
        try {
            db.close();
        } catch (SQLException e) {
            LOG.warn("allow-list store {}: close failed: {}", path, e.toString());
        }
    }
}
