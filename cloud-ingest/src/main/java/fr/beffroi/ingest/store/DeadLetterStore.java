package fr.beffroi.ingest.store;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;

/** Keeps refused messages, as received, in {@code dead_letter}. */
public final class DeadLetterStore {
    /**
     * One refused message.
     *
     * @param receivedAt when it arrived
     * @param tenant     the authenticated gateway's tenant (null if unknown)
     * @param gateway    the authenticated gateway (null if unknown)
     * @param endpoint   {@code mqtt} or {@code http}
     * @param topic      MQTT topic or HTTP path
     * @param reason     why it was refused
     * @param payload    the bytes as received
     */
    public record DeadLetter(java.time.Instant receivedAt, String tenant, String gateway, String endpoint,
                             String topic, String reason, byte[] payload) {
    }

    private final DataSource dataSource;

    public DeadLetterStore(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    public void write(DeadLetter d) throws SQLException {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("INSERT INTO dead_letter (received_at, tenant, gateway,"
                     + " endpoint, topic, reason, payload) VALUES (?, ?, ?, ?, ?, ?, ?)")) {
            c.setAutoCommit(true);
            ps.setTimestamp(1, Timestamp.from(d.receivedAt()));
            ps.setString(2, d.tenant());
            ps.setString(3, d.gateway());
            ps.setString(4, d.endpoint());
            ps.setString(5, d.topic());
            // A reason can quote the payload; PostgreSQL text refuses NUL.
            ps.setString(6, d.reason().replace('\u0000', '?'));
            ps.setBytes(7, d.payload());
            ps.executeUpdate();
        }
    }
}
