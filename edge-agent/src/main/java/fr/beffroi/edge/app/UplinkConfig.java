package fr.beffroi.edge.app;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * How the gateway reaches the cloud over MQTT v5.
 *
 * @param url                 broker URL, {@code tcp://host:port} or {@code ssl://host:port}
 * @param username            MQTT username (defaults to the gateway id)
 * @param password            where to read the password from; empty for a broker without authentication
 * @param batchMaxReadings    most readings in one published batch
 * @param maxInFlightBatches  most batches published and not yet acknowledged by the cloud
 * @param ackTimeout          how long to wait for a BatchAck before resending from the lowest unconfirmed seq
 * @param reconnectBackoffMin first wait before reconnecting
 * @param reconnectBackoffMax longest wait between reconnect attempts
 * @param sessionExpiry       how long the broker keeps our session (and the acks queued for us) while offline
 * @param trustedCa           for an {@code ssl://} url, a PEM file of the only authorities trusted; empty for
 *                            the JVM's default ones
 */
public record UplinkConfig(String url, String username, Optional<PasswordSource> password, int batchMaxReadings,
                           int maxInFlightBatches, Duration ackTimeout, Duration reconnectBackoffMin,
                           Duration reconnectBackoffMax, Duration sessionExpiry, Optional<Path> trustedCa) {
    /** Without a CA of its own: the JVM's authorities for {@code ssl://}. */
    public UplinkConfig(String url, String username, Optional<PasswordSource> password, int batchMaxReadings,
                        int maxInFlightBatches, Duration ackTimeout, Duration reconnectBackoffMin,
                        Duration reconnectBackoffMax, Duration sessionExpiry) {
        this(url, username, password, batchMaxReadings, maxInFlightBatches, ackTimeout, reconnectBackoffMin,
                reconnectBackoffMax, sessionExpiry, Optional.empty());
    }

    public UplinkConfig {
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(username, "username");
        Objects.requireNonNull(password, "password");
        Objects.requireNonNull(ackTimeout, "ackTimeout");
        Objects.requireNonNull(reconnectBackoffMin, "reconnectBackoffMin");
        Objects.requireNonNull(reconnectBackoffMax, "reconnectBackoffMax");
        Objects.requireNonNull(sessionExpiry, "sessionExpiry");
        Objects.requireNonNull(trustedCa, "trustedCa");
    }
}
