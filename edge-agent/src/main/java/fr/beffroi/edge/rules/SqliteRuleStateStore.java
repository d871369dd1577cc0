package fr.beffroi.edge.rules;

import fr.beffroi.edge.buffer.BufferException;
import fr.beffroi.edge.buffer.SqliteFiles;
import fr.beffroi.profiles.wire.IsoInstants;
import fr.beffroi.rules.state.RuleState;
import fr.beffroi.rules.state.RuleStateJson;
import fr.beffroi.rules.state.RuleStateStore;
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
import java.util.HashMap;
import java.util.Map;

/**
 * The edge rules' durable memory, in its own SQLite file (WAL, {@code synchronous=FULL}):
 * <ul>
 *   <li>{@code rule_state}: one row per rule, its {@link RuleState} as {@link RuleStateJson} text,
 *       so that {@code for:} timers, hysteresis and pending delays survive a restart (one upsert
 *       per save);</li>
 *   <li>{@code rule_command}: the id of every command a rule executed here, so that a firing
 *       replayed after a crash (its state saved after its action) writes the device once.</li>
 * </ul>
 * Used from the rules' one thread; methods are synchronized all the same (start-up and close).
 */
public final class SqliteRuleStateStore implements RuleStateStore, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(SqliteRuleStateStore.class);

    /** How long an executed command id is remembered. */
    static final Duration KEEP_COMMAND_IDS = Duration.ofDays(30);

    private final Path path;
    private final Clock clock;
    private final Connection db;

    private SqliteRuleStateStore(Path path, Clock clock, Connection db) {
        this.path = path;
        this.clock = clock;
        this.db = db;
    }

    public static SqliteRuleStateStore open(Path path, Clock clock) {
        try {
            Connection db = SqliteFiles.open(path, SQLiteConfig.SynchronousMode.FULL,
                    "CREATE TABLE IF NOT EXISTS rule_state (rule_id TEXT PRIMARY KEY, state TEXT NOT NULL,"
                        + " saved_at TEXT NOT NULL)",
                    "CREATE TABLE IF NOT EXISTS rule_command (id TEXT PRIMARY KEY, rule_id TEXT NOT NULL,"
                        + " at TEXT NOT NULL)");
            try (PreparedStatement ps = db.prepareStatement("DELETE FROM rule_command WHERE at < ?")) {
                // A replayed firing comes minutes after a crash, never weeks: old ids only take room.
                ps.setString(1, IsoInstants.format(clock.instant().minus(KEEP_COMMAND_IDS)));
                ps.executeUpdate();
            }
            return new SqliteRuleStateStore(path, clock, db);
        } catch (SQLException | IOException e) {
            throw new BufferException("cannot open rule state " + path, e);
        }
    }

    @Override
    public synchronized Map<String, RuleState> loadAll() {
        Map<String, RuleState> out = new HashMap<>();
        try (Statement s = db.createStatement(); ResultSet rs = s.executeQuery("SELECT rule_id, state FROM rule_state")) {
            while (rs.next()) {
                try {
                    out.put(rs.getString(1), RuleStateJson.read(rs.getString(2)));
                } catch (RuntimeException e) {
                    // One unreadable row must not keep the other rules from their state: this rule starts afresh.
                    LOG.error("rule state {}: rule {} state unreadable, starting it afresh: {}", path, rs.getString(1),
                            e.toString());
                }
            }
            return out;
        } catch (SQLException e) {
            throw new BufferException("rule state " + path + ": cannot read", e);
        }
    }

    @Override
    public synchronized void save(RuleState state) {
        try (PreparedStatement ps = db.prepareStatement("INSERT INTO rule_state (rule_id, state, saved_at)"
                + " VALUES (?, ?, ?) ON CONFLICT (rule_id) DO UPDATE SET state = excluded.state,"
                + " saved_at = excluded.saved_at")) {
            ps.setString(1, state.ruleId());
            ps.setString(2, RuleStateJson.write(state));
            ps.setString(3, IsoInstants.format(clock.instant()));
            ps.executeUpdate();
        } catch (SQLException e) {
            throw new BufferException("rule state " + path + ": cannot save rule " + state.ruleId(), e);
        }
    }

    /**
     * Records that a rule's command is about to be executed. False, and nothing written, when its
     * id was recorded before: the caller must not write the device again.
     */
    public synchronized boolean claim(String commandId, String ruleId, Instant at) {
        try (PreparedStatement ps = db.prepareStatement(
                "INSERT INTO rule_command (id, rule_id, at) VALUES (?, ?, ?) ON CONFLICT (id) DO NOTHING")) {
            ps.setString(1, commandId);
            ps.setString(2, ruleId);
            ps.setString(3, IsoInstants.format(at));
            return ps.executeUpdate() == 1;
        } catch (SQLException e) {
            throw new BufferException("rule state " + path + ": cannot record command " + commandId, e);
        }
    }

    @Override
    public synchronized void close() {
        try {
            db.close();
        } catch (SQLException e) {
            LOG.warn("rule state {}: close failed: {}", path, e.toString());
        }
    }
}
