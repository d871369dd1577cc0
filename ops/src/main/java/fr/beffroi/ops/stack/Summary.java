package fr.beffroi.ops.stack;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * The end-to-end account of one gateway's readings: what the edge produced against what the
 * database holds. Its {@link #line()} is what scripts and checks read.
 *
 * @param produced   readings the gateway numbered (its highest sequence number, as they start at 1)
 * @param stored     distinct sequence numbers stored for the gateway
 * @param duplicates rows beyond the first for any sequence number (must stay 0)
 * @param lost       produced readings neither stored nor kept in the gateway's dead-letter store
 */
public record Summary(long produced, long stored, long duplicates, long lost) {

    public String line() {
        return "summary: produced=" + produced + " stored=" + stored + " duplicates=" + duplicates + " lost=" + lost;
    }

    /** The account of several gateways together. */
    public Summary plus(Summary other) {
        return new Summary(produced + other.produced, stored + other.stored, duplicates + other.duplicates,
                lost + other.lost);
    }

    public boolean clean() {
        return duplicates == 0 && lost == 0;
    }

    /**
     * Counts what the database holds for {@code gateway} against what it produced.
     *
     * @param produced     the gateway's highest sequence number
     * @param deadLettered readings the gateway kept locally after the cloud refused them
     */
    public static Summary of(DataSource db, String tenant, String gateway, long produced, long deadLettered)
            throws SQLException {
        try (Connection c = db.getConnection();
             PreparedStatement s = c.prepareStatement(
                     "select count(*), count(distinct seq), count(distinct seq) filter (where seq <= ?) "
                             + "from reading where tenant = ? and gateway = ?")) {
            s.setLong(1, produced);
            s.setString(2, tenant);
            s.setString(3, gateway);
            try (ResultSet r = s.executeQuery()) {
                r.next();
                long rows = r.getLong(1);
                long distinct = r.getLong(2);
                long storedOfProduced = r.getLong(3);
                return new Summary(produced, distinct, rows - distinct,
                        Math.max(0, produced - storedOfProduced - deadLettered));
            }
        }
    }
}
