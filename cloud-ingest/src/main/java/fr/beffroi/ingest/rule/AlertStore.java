package fr.beffroi.ingest.rule;

import fr.beffroi.rules.model.Action.AlertAction;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** The {@code alert} table (V6): written by the cloud rules, read by the alert API. Blocking JDBC. */
public final class AlertStore {
    private final DataSource dataSource;
    private final Clock clock;

    public AlertStore(DataSource dataSource, Clock clock) {
        this.dataSource = dataSource;
        this.clock = clock;
    }

    /** Records an alert under {@code id}; the same id again is one row. Returns whether it was new. */
    public boolean record(String id, AlertAction a) throws SQLException {
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement("INSERT INTO alert (id, tenant, rule_id, level, message, at,"
                     + " recorded_at) VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO NOTHING")) {
            s.setString(1, id);
            s.setString(2, a.tenant());
            s.setString(3, a.ruleId());
            s.setString(4, a.level().name().toLowerCase(java.util.Locale.ROOT));
            s.setString(5, a.message());
            s.setTimestamp(6, Timestamp.from(a.at()));
            s.setTimestamp(7, Timestamp.from(clock.instant()));
            return s.executeUpdate() == 1;
        }
    }

    /**
     * A tenant's alerts raised in {@code [from, to)}, newest first, at most {@code limit}; of one
     * level only when {@code level} is given.
     */
    public List<AlertRecord> list(String tenant, Instant from, Instant to, String level, int limit)
            throws SQLException {
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement("SELECT id, tenant, rule_id, level, message, at, recorded_at"
                     + " FROM alert WHERE tenant = ? AND at >= ? AND at < ? AND (?::text IS NULL OR level = ?)"
                     + " ORDER BY at DESC, id LIMIT ?")) {
            s.setString(1, tenant);
            s.setTimestamp(2, Timestamp.from(from));
            s.setTimestamp(3, Timestamp.from(to));
            s.setString(4, level);
            s.setString(5, level);
            s.setInt(6, limit);
            List<AlertRecord> out = new ArrayList<>();
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    out.add(new AlertRecord(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                            rs.getString(5), rs.getTimestamp(6).toInstant(), rs.getTimestamp(7).toInstant()));
                }
            }
            return out;
        }
    }
}
