package fr.beffroi.edge.uplink;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * The seam between the send loop and the MQTT client: connect, subscribe, publish at QoS 1, and
 * report incoming messages and lost connections. {@link PahoTransport} is the real one; unit tests
 * use a fake that records publishes and lets the test answer them.
 */
public interface UplinkTransport extends AutoCloseable {

    /** Called from the transport's own thread; must not block for long. */
    interface Listener {
        void onMessage(String topic, byte[] payload);

        void onConnectionLost(String reason);
    }

    /**
     * Connects (dropping any earlier connection), resuming the broker session, and subscribes to
     * {@code subscriptions} at QoS 1. Blocks until done or {@code timeout}.
     *
     * @throws PublishException when the broker cannot be reached or refuses us
     */
    void connect(List<String> subscriptions, Listener listener, Duration timeout) throws PublishException;

    /**
     * Publishes at QoS 1. The future completes when the broker acknowledged the message, or
     * fails with a {@link PublishException} (carrying the broker's reason code when it refused).
     */
    CompletableFuture<Void> publish(String topic, byte[] payload);

    boolean isConnected();

    /** Disconnects and releases the client; never throws. */
    @Override
    void close();
}
