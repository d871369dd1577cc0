package fr.beffroi.edge.uplink;

import fr.beffroi.profiles.wire.Topics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * The uplink's one thread: keeps the transport connected (its own reconnect loop with
 * {@link Backoff}, the client library's automatic reconnect stays off so that we control the
 * pace) and drives the {@link SendLoop}, waking on acks or every {@code idlePeriod} to pick up new
 * readings and notice ack timeouts.
 */
public final class Uplink implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Uplink.class);

    private final String tenant;
    private final String gateway;
    private final String ackTopic;
    private final UplinkTransport transport;
    private final SendLoop loop;
    private final Backoff reconnect;
    private final Duration connectTimeout;
    private final Duration idlePeriod;
    private final Object signal = new Object();
    private boolean signalled;
    private volatile boolean running;
    private volatile boolean lost = true;
    private Thread thread;

    public Uplink(String tenant, String gateway, UplinkTransport transport, SendLoop loop, Backoff reconnect,
                  Duration connectTimeout, Duration idlePeriod) {
        this.tenant = Objects.requireNonNull(tenant, "tenant");
        this.gateway = Objects.requireNonNull(gateway, "gateway");
        this.ackTopic = Topics.acks(tenant, gateway);
        this.transport = Objects.requireNonNull(transport, "transport");
        this.loop = Objects.requireNonNull(loop, "loop");
        this.reconnect = Objects.requireNonNull(reconnect, "reconnect");
        this.connectTimeout = Objects.requireNonNull(connectTimeout, "connectTimeout");
        this.idlePeriod = Objects.requireNonNull(idlePeriod, "idlePeriod");
        loop.onWakeUp(this::wakeUp);
    }

    public synchronized void start() {
        if (thread != null) throw new IllegalStateException("already started");
        running = true;
        thread = new Thread(this::run, "uplink-" + gateway);
        thread.setDaemon(true);
        thread.start();
    }

    public boolean isConnected() {
        return !lost && loop.isConnected();
    }

    /** Asks the loop to look at the buffer now rather than at the next idle tick. */
    public void wakeUp() {
        synchronized (signal) {
            signalled = true;
            signal.notifyAll();
        }
    }

    private void run() {
        int attempts = 0;
        while (running) {
            if (lost || !transport.isConnected()) {
                loop.disconnected();
                try {
                    transport.connect(List.of(ackTopic), listener(), connectTimeout);
                    lost = false;
                    attempts = 0;
                    LOG.info("gateway {}/{}: uplink connected", tenant, gateway);
                    loop.connected();
                } catch (PublishException e) {
                    attempts++;
                    Duration wait = reconnect.delay(attempts);
                    LOG.warn("gateway {}/{}: uplink connect attempt {} failed (code {}): {}; retrying in {}",
                            tenant, gateway, attempts, e.reasonCode(), e.getMessage(), wait);
                    pause(wait);
                    continue;
                }
            }
            try {
                loop.pump();
            } catch (RuntimeException e) {
                // A buffer fault must not kill the only uplink thread; the next tick tries again.
                LOG.error("gateway {}/{}: send loop failed", tenant, gateway, e);
            }
            pause(idlePeriod);
        }
    }

    private UplinkTransport.Listener listener() {
        return new UplinkTransport.Listener() {
            @Override
            public void onMessage(String topic, byte[] payload) {
                if (!ackTopic.equals(topic)) return;
                try {
                    loop.onAck(payload);
                } catch (RuntimeException e) {
                    // Thrown back into the MQTT client it would drop the connection; the ack comes again.
                    LOG.error("gateway {}/{}: handling an ack failed", tenant, gateway, e);
                }
            }

            @Override
            public void onConnectionLost(String reason) {
                LOG.warn("gateway {}/{}: uplink connection lost: {}", tenant, gateway, reason);
                lost = true;
                loop.disconnected();
                wakeUp();
            }
        };
    }

    private void pause(Duration wait) {
        synchronized (signal) {
            long deadline = System.nanoTime() + wait.toNanos();
            while (running && !signalled) {
                long left = deadline - System.nanoTime();
                if (left <= 0) break;
                try {
                    signal.wait(Math.max(1, left / 1_000_000));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    running = false;
                }
            }
            signalled = false;
        }
    }

    @Override
    public void close() {
        running = false;
        wakeUp();
        Thread t;
        synchronized (this) {
            t = thread;
        }
        if (t != null) {
            try {
                t.join(connectTimeout.toMillis() + 5_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        loop.disconnected();
        transport.close();
    }
}
