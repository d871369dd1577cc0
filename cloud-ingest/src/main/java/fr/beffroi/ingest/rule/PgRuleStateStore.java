package fr.beffroi.ingest.rule;

import fr.beffroi.rules.state.RuleState;
import fr.beffroi.rules.state.RuleStateJson;
import fr.beffroi.rules.state.RuleStateStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;

/** One tenant's rule states in {@code rule_state} (V6), one row per rule, as {@link RuleStateJson} text. */
public final class PgRuleStateStore implements RuleStateStore {
    private static final Logger LOG = LoggerFactory.getLogger(PgRuleStateStore.class);

    private final DataSource dataSource;
    private final String tenant;
    private final Clock clock;

    public PgRuleStateStore(DataSource dataSource, String tenant, Clock clock) {
        this.dataSource = dataSource;
        this.tenant = tenant;
        this.clock = clock;
    }

    /** Throws when the database cannot be read: an engine must not start forgetting its timers. */
    @Override
    public Map<String, RuleState> loadAll() {
        Map<String, RuleState> out = new HashMap<>();
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement("SELECT rule_id, state::text FROM rule_state WHERE tenant = ?")) {
            s.setString(1, tenant);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    try {
                        out.put(rs.getString(1), RuleStateJson.read(rs.getString(2)));
                    } catch (RuntimeException e) {
                        // A state an older version wrote and this one cannot read: the rule starts fresh.
                        LOG.warn("tenant {}: state of rule {} unreadable, rule starts afresh: {}", tenant,
                                rs.getString(1), e.toString());
                    }
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("tenant " + tenant + ": rule states not readable: " + e.getMessage(), e);
        }
        return out;
    }

    /**
     * One upsert. A failure is logged and not thrown: the engine goes on, and the rule's next change
     * saves its whole state again; only a restart in between would lose the change.
     */
    @Override
    public void save(RuleState state) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement("INSERT INTO rule_state (tenant, rule_id, state, updated_at)"
                     + " VALUES (?, ?, ?::jsonb, ?) ON CONFLICT (tenant, rule_id)"
                     + " DO UPDATE SET state = EXCLUDED.state, updated_at = EXCLUDED.updated_at")) {
            s.setString(1, tenant);
            s.setString(2, state.ruleId());
            s.setString(3, RuleStateJson.write(state));
            s.setTimestamp(4, Timestamp.from(clock.instant()));
            s.executeUpdate();
        } catch (SQLException e) {
            LOG.warn("tenant {}: state of rule {} not saved: {}", tenant, state.ruleId(), e.toString());
        }
    }
}
