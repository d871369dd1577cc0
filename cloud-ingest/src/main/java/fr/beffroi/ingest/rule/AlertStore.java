package fr.beffroi.ingest.rule;

import fr.beffroi.rules.model.Action.AlertAction;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;

/** The {@code alert} table (V6). Blocking JDBC. */
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
}
