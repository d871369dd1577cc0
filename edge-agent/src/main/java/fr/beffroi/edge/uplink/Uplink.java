package fr.beffroi.edge.uplink;

import fr.beffroi.profiles.wire.Topics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The uplink's one thread: keeps the transport connected (its own reconnect loop with
 * {@link Backoff}, the client library's automatic reconnect stays off so that we control the
 * pace) and drives the {@link SendLoop}, waking on acks or every {@code idlePeriod} to pick up new
 * readings and notice ack timeouts. Other flows ride the same connection as {@link Rider}s: their
 * topics are subscribed on every (re)connect, their messages routed to them, and they are pumped
 * on this thread each tick while connected (the command downlink and its result outbox).
 */
public final class Uplink implements AutoCloseable {
    /** Another flow on the uplink's MQTT connection. */
    public interface Rider {
        /** Topics to subscribe to at QoS 1 on every connect; messages on them come to {@link #onMessage}. */
        List<String> subscriptions();

        /** A message on one of its topics, from the transport's thread: hand it off, never block. */
        void onMessage(String topic, byte[] payload);

        /** On the uplink thread, each tick while connected: publish what waits. */
        void pump(UplinkTransport transport);

        /** The connection was lost or closed: whatever was in flight will not be acknowledged. */
        void disconnected();
    }

    private static final Logger LOG = LoggerFactory.getLogger(Uplink.class);

    private final String tenant;
    private final String gateway;
    private final String ackTopic;
    private final UplinkTransport transport;
    private final SendLoop loop;
    private final Backoff reconnect;
    private final Duration connectTimeout;
    private final Duration idlePeriod;
    private final List<Rider> riders = new CopyOnWriteArrayList<>();
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

    /** Adds a flow riding this connection; before {@link #start()}. */
    public synchronized void attach(Rider rider) {
        if (thread != null) throw new IllegalStateException("attach riders before start");
        riders.add(Objects.requireNonNull(rider, "rider"));
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
                riders.forEach(Rider::disconnected);
                try {
                    List<String> subscriptions = new ArrayList<>(List.of(ackTopic));
                    for (Rider r : riders) subscriptions.addAll(r.subscriptions());
                    transport.connect(subscriptions, listener(), connectTimeout);
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
            for (Rider r : riders) {
                try {
                    r.pump(transport);
                } catch (RuntimeException e) {
                    LOG.error("gateway {}/{}: {} failed", tenant, gateway, r.getClass().getSimpleName(), e);
                }
            }
            pause(idlePeriod);
        }
    }

    private UplinkTransport.Listener listener() {
        return new UplinkTransport.Listener() {
            @Override
            public void onMessage(String topic, byte[] payload) {
                if (!ackTopic.equals(topic)) {
                    for (Rider r : riders) {
                        if (r.subscriptions().contains(topic)) {
                            try {
                                r.onMessage(topic, payload);
                            } catch (RuntimeException e) {
                                LOG.error("gateway {}/{}: handling a message on {} failed", tenant, gateway, topic, e);
                            }
                        }
                    }
                    return;
                }
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
                riders.forEach(Rider::disconnected);
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
        riders.forEach(Rider::disconnected);
        transport.close();
    }
}
