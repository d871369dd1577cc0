package fr.beffroi.edge.buffer;

import fr.beffroi.profiles.wire.Command;
import fr.beffroi.profiles.wire.CommandResult;
import fr.beffroi.profiles.wire.IsoInstants;
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
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The gateway's durable memory of commands, in its own SQLite file (WAL, {@code synchronous=FULL}):
 * <ul>
 *   <li>{@code command_log}: every command id ever handled and its last stage, so that a command
 *       delivered twice (the cloud resends until it hears a result) is executed once, across
 *       restarts;</li>
 *   <li>{@code result_outbox}: results waiting for the broker's PUBACK, resent until then, so
 *       that none is lost while the link is down;</li>
 *   <li>{@code command_dead_letter}: command messages refused as malformed, kept as received.</li>
 * </ul>
 * A stage and its result enter in one transaction: the result to send is durable exactly when
 * the stage is. One connection, every method synchronized (a few commands a day).
 */
public final class CommandLog implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(CommandLog.class);
    static final String INTERRUPTED = "the gateway restarted while executing it; not retried, the write may or may"
            + " not have reached the device";

    /** A result waiting in the outbox. */
    public record Outgoing(long seq, CommandResult result) {
    }

    private final Path path;
    private final Clock clock;
    private final Connection db;

    private CommandLog(Path path, Clock clock, Connection db) {
        this.path = path;
        this.clock = clock;
        this.db = db;
    }

    /**
     * Opens (or creates) the log. A command left ACCEPTED by a crash is closed as FAILED: its write
     * may have happened or not, and repeating an actuation nobody can see is worse than reporting it.
     */
    public static CommandLog open(Path path, Clock clock) {
        try {
            Connection db = SqliteFiles.open(path, SQLiteConfig.SynchronousMode.FULL,
                    "CREATE TABLE IF NOT EXISTS command_log (id TEXT PRIMARY KEY, device TEXT NOT NULL,"
                        + " point TEXT NOT NULL, value REAL NOT NULL, received_at TEXT NOT NULL, status TEXT NOT NULL,"
                        + " reason TEXT, updated_at TEXT NOT NULL)",
                    "CREATE TABLE IF NOT EXISTS result_outbox (seq INTEGER PRIMARY KEY AUTOINCREMENT,"
                        + " command_id TEXT NOT NULL, status TEXT NOT NULL, reason TEXT, at TEXT NOT NULL)",
                    "CREATE TABLE IF NOT EXISTS command_dead_letter (id INTEGER PRIMARY KEY AUTOINCREMENT,"
                        + " received_at TEXT NOT NULL, reason TEXT NOT NULL, payload BLOB NOT NULL)");
            db.setAutoCommit(false);
            CommandLog log = new CommandLog(path, clock, db);
            log.closeInterrupted();
            return log;
        } catch (SQLException | IOException e) {
            throw new BufferException("cannot open command log " + path, e);
        }
    }

    /** The last stage recorded for a command id, if it was ever handled here. */
    public synchronized Optional<CommandResult.Status> status(String commandId) {
        try (PreparedStatement ps = db.prepareStatement("SELECT status FROM command_log WHERE id = ?")) {
            ps.setString(1, commandId);
            try (ResultSet rs = ps.executeQuery()) {
                Optional<CommandResult.Status> out = rs.next()
                        ? Optional.of(CommandResult.Status.valueOf(rs.getString(1))) : Optional.empty();
                db.commit();
                return out;
            }
        } catch (SQLException e) {
            throw new BufferException("command log " + path + ": cannot read command " + commandId, e);
        }
    }

    /**
     * Records the first stage of a command (ACCEPTED before executing it; EXPIRED or FAILED when it
     * is refused) with its result in the outbox. False, and nothing written, when the id is known:
     * the caller must not execute it again.
     */
    public synchronized boolean begin(Command command, CommandResult result) {
        try {
            try (PreparedStatement ps = db.prepareStatement("INSERT INTO command_log (id, device, point, value,"
                    + " received_at, status, reason, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)"
                    + " ON CONFLICT (id) DO NOTHING")) {
                String now = IsoInstants.format(clock.instant());
                ps.setString(1, command.id());
                ps.setString(2, command.device());
                ps.setString(3, command.point());
                ps.setDouble(4, command.value());
                ps.setString(5, now);
                ps.setString(6, result.status().name());
                ps.setString(7, result.reason());
                ps.setString(8, now);
                if (ps.executeUpdate() == 0) {
                    db.rollback();
                    return false;
                }
            }
            enqueue(result);
            db.commit();
            return true;
        } catch (SQLException e) {
            rollbackQuietly(e);
            throw new BufferException("command log " + path + ": cannot record command " + command.id(), e);
        }
    }

    /** Records the final stage of a command begun here, with its result in the outbox. */
    public synchronized void finish(CommandResult result) {
        try {
            try (PreparedStatement ps = db.prepareStatement(
                    "UPDATE command_log SET status = ?, reason = ?, updated_at = ? WHERE id = ?")) {
                ps.setString(1, result.status().name());
                ps.setString(2, result.reason());
                ps.setString(3, IsoInstants.format(clock.instant()));
                ps.setString(4, result.commandId());
                ps.executeUpdate();
            }
            enqueue(result);
            db.commit();
        } catch (SQLException e) {
            rollbackQuietly(e);
            throw new BufferException("command log " + path + ": cannot record result of " + result.commandId(), e);
        }
    }

    /** Up to {@code max} results not yet acknowledged by the broker, oldest first. */
    public synchronized List<Outgoing> outbox(int max) {
        try (PreparedStatement ps = db.prepareStatement(
                "SELECT seq, command_id, status, reason, at FROM result_outbox ORDER BY seq LIMIT ?")) {
            ps.setInt(1, max);
            List<Outgoing> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new Outgoing(rs.getLong(1), new CommandResult(rs.getString(2),
                            CommandResult.Status.valueOf(rs.getString(3)), rs.getString(4),
                            IsoInstants.parse(rs.getString(5)))));
                }
            }
            db.commit();
            return out;
        } catch (SQLException e) {
            throw new BufferException("command log " + path + ": cannot read the result outbox", e);
        }
    }

    /** The broker acknowledged this result: it leaves the outbox. */
    public synchronized void delivered(long seq) {
        try (PreparedStatement ps = db.prepareStatement("DELETE FROM result_outbox WHERE seq = ?")) {
            ps.setLong(1, seq);
            ps.executeUpdate();
            db.commit();
        } catch (SQLException e) {
            rollbackQuietly(e);
            throw new BufferException("command log " + path + ": cannot remove delivered result " + seq, e);
        }
    }

    public synchronized long outboxSize() {
        return count("result_outbox");
    }

    /** Keeps a refused command message as received, with the reason. */
    public synchronized void deadLetter(byte[] payload, String reason) {
        try (PreparedStatement ps = db.prepareStatement(
                "INSERT INTO command_dead_letter (received_at, reason, payload) VALUES (?, ?, ?)")) {
            ps.setString(1, IsoInstants.format(clock.instant()));
            ps.setString(2, reason);
            ps.setBytes(3, payload);
            ps.executeUpdate();
            db.commit();
        } catch (SQLException e) {
            rollbackQuietly(e);
            throw new BufferException("command log " + path + ": cannot keep a refused command", e);
        }
    }

    public synchronized long deadLetterSize() {
        return count("command_dead_letter");
    }

    @Override
    public synchronized void close() {
        try {
            db.close();
        } catch (SQLException e) {
            LOG.warn("command log {}: close failed: {}", path, e.toString());
        }
    }

    private void closeInterrupted() throws SQLException {
        List<String> ids = new ArrayList<>();
        try (Statement s = db.createStatement();
             ResultSet rs = s.executeQuery("SELECT id FROM command_log WHERE status = 'ACCEPTED'")) {
            while (rs.next()) ids.add(rs.getString(1));
        }
        db.commit();
        Instant now = clock.instant();
        for (String id : ids) {
            LOG.warn("command {}: {}", id, INTERRUPTED);
            finish(new CommandResult(id, CommandResult.Status.FAILED, INTERRUPTED, now));
        }
    }

    private void enqueue(CommandResult result) throws SQLException {
        try (PreparedStatement ps = db.prepareStatement(
                "INSERT INTO result_outbox (command_id, status, reason, at) VALUES (?, ?, ?, ?)")) {
            ps.setString(1, result.commandId());
            ps.setString(2, result.status().name());
            ps.setString(3, result.reason());
            ps.setString(4, IsoInstants.format(result.at()));
            ps.executeUpdate();
        }
    }

    private long count(String table) {
        try (Statement s = db.createStatement(); ResultSet rs = s.executeQuery("SELECT count(*) FROM " + table)) {
            rs.next();
            long n = rs.getLong(1);
            db.commit();
            return n;
        } catch (SQLException e) {
            throw new BufferException("command log " + path + ": cannot count " + table, e);
        }
    }

    private void rollbackQuietly(SQLException cause) {
        try {
            db.rollback();
        } catch (SQLException e) {
            cause.addSuppressed(e);
        }
    }
}
