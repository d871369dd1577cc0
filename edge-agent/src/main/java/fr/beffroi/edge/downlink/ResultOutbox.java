package fr.beffroi.edge.downlink;

import fr.beffroi.edge.buffer.CommandLog;
import fr.beffroi.edge.uplink.Uplink;
import fr.beffroi.edge.uplink.UplinkTransport;
import fr.beffroi.profiles.wire.Topics;
import fr.beffroi.profiles.wire.WireCodec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Sends command results to {@code up/command-results} at QoS 1 from the {@link CommandLog}'s
 * outbox, on the uplink's thread, and removes each only once the broker acknowledged it. A
 * result in flight when the connection drops, or unanswered for {@code resendAfter}, is sent
 * again: the cloud records a stage once, so a duplicate costs nothing, a loss would cost the audit.
 */
public final class ResultOutbox implements Uplink.Rider {
    private static final Logger LOG = LoggerFactory.getLogger(ResultOutbox.class);
    private static final int MAX_PER_TICK = 100;

    private final String tenant;
    private final String gateway;
    private final String topic;
    private final CommandLog log;
    private final long resendAfterNanos;
    /** Outbox seq → when it was published (System.nanoTime). */
    private final Map<Long, Long> inFlight = new ConcurrentHashMap<>();

    public ResultOutbox(String tenant, String gateway, CommandLog log, Duration resendAfter) {
        this.tenant = tenant;
        this.gateway = gateway;
        this.topic = Topics.commandResults(tenant, gateway);
        this.log = log;
        this.resendAfterNanos = resendAfter.toNanos();
    }

    @Override
    public List<String> subscriptions() {
        return List.of();
    }

    @Override
    public void onMessage(String topic, byte[] payload) {
    }

    @Override
    public void pump(UplinkTransport transport) {
        long now = System.nanoTime();
        for (CommandLog.Outgoing o : log.outbox(MAX_PER_TICK)) {
            Long sentAt = inFlight.get(o.seq());
            if (sentAt != null && now - sentAt < resendAfterNanos) continue;
            inFlight.put(o.seq(), now);
            transport.publish(topic, WireCodec.encode(o.result())).whenComplete((ok, e) -> {
                if (e == null) {
                    log.delivered(o.seq());
                    LOG.info("gateway {}/{}: command {} result {} delivered", tenant, gateway, o.result().commandId(),
                            o.result().status());
                } else {
                    LOG.warn("gateway {}/{}: command {} result {} not delivered, will resend: {}", tenant, gateway,
                            o.result().commandId(), o.result().status(), e.getMessage());
                }
                inFlight.remove(o.seq(), now);
            });
        }
    }

    @Override
    public void disconnected() {
        inFlight.clear();
    }
}
