package fr.beffroi.edge.uplink;

import fr.beffroi.edge.buffer.ReadingBuffer;
import fr.beffroi.profiles.wire.BatchAck;
import fr.beffroi.profiles.wire.Reading;
import fr.beffroi.profiles.wire.ReadingBatch;
import fr.beffroi.profiles.wire.Topics;
import fr.beffroi.profiles.wire.WireCodec;
import fr.beffroi.profiles.wire.WireFormatException;
import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.concurrent.CompletionException;

/**
 * The uplink's logic, free of threads and of MQTT: which batch to send next, which are in flight,
 * what an ack does to the buffer. {@link Uplink} drives it; tests drive it with a fake transport
 * and a leaping clock.
 *
 * <p>Readings leave the buffer only here, and only on a BatchAck: COMMITTED deletes the range,
 * REJECTED moves it to the dead-letter table. On ack timeout, reconnect or a failed publish the
 * loop rewinds and sends again from the lowest unconfirmed seq: the cloud deduplicates by gateway
 * and seq, so a resend never stores a reading twice.
 */
public final class SendLoop {
    private static final Logger LOG = LoggerFactory.getLogger(SendLoop.class);

    /** A published batch awaiting its BatchAck. */
    private record InFlight(long seqFrom, long seqTo, int readings, Instant sentAt) {
    }

    private final String tenant;
    private final String gateway;
    private final String readingsTopic;
    private final ReadingBuffer buffer;
    private final UplinkTransport transport;
    private final SendSettings settings;
    private final Clock clock;

    private final TreeMap<Long, InFlight> inFlight = new TreeMap<>();
    private boolean connected;
    /** Highest seq handed to the transport since the last rewind; 0 sends from the lowest unconfirmed. */
    private long lastSentSeq;
    /** Bumped on every rewind, so that a late publish failure of an older round is ignored. */
    private long round;
    private int publishFailures;
    private Instant retryNotBefore = Instant.MIN;
    private Runnable wakeUp = () -> { };

    private final Counter batchesSent;
    private final Counter resends;
    private final Counter acks;

    public SendLoop(String tenant, String gateway, ReadingBuffer buffer, UplinkTransport transport,
                    SendSettings settings, Clock clock, PrometheusRegistry registry) {
        this.tenant = Objects.requireNonNull(tenant, "tenant");
        this.gateway = Objects.requireNonNull(gateway, "gateway");
        this.readingsTopic = Topics.readings(tenant, gateway);
        this.buffer = Objects.requireNonNull(buffer, "buffer");
        this.transport = Objects.requireNonNull(transport, "transport");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.batchesSent = Counter.builder().name("beffroi_edge_uplink_batches_sent")
                .help("Batches published, resends included").register(registry);
        this.resends = Counter.builder().name("beffroi_edge_uplink_rewinds")
                .help("Times the send loop went back to the lowest unconfirmed seq, by cause")
                .labelNames("cause").register(registry);
        this.acks = Counter.builder().name("beffroi_edge_uplink_acks")
                .help("BatchAcks received, by status (committed, rejected, invalid, foreign)")
                .labelNames("status").register(registry);
        GaugeWithCallback.builder().name("beffroi_edge_uplink_in_flight_batches")
                .help("Batches published and not yet acknowledged").callback(cb -> cb.call(inFlightBatches()))
                .register(registry);
    }

    /** Called when a batch was acknowledged or a slot freed, to wake the thread driving {@link #pump()}. */
    public synchronized void onWakeUp(Runnable wakeUp) {
        this.wakeUp = Objects.requireNonNull(wakeUp, "wakeUp");
    }

    /** The transport (re)connected: whatever was in flight may be lost, so send again from the start. */
    public synchronized void connected() {
        connected = true;
        rewind("reconnect");
    }

    public synchronized void disconnected() {
        connected = false;
    }

    public synchronized boolean isConnected() {
        return connected;
    }

    public synchronized int inFlightBatches() {
        return inFlight.size();
    }

    /**
     * Sends what the window allows: first rewinds if the oldest batch waited past the ack timeout,
     * then publishes batches after the last sent seq until {@code maxInFlightBatches} are out.
     * Publishing happens outside the lock, so that an ack arriving meanwhile is never blocked.
     */
    public void pump() {
        List<ReadingBatch> toSend = new ArrayList<>();
        long sendRound;
        synchronized (this) {
            if (!connected) return;
            Instant now = clock.instant();
            if (!inFlight.isEmpty()) {
                InFlight oldest = inFlight.firstEntry().getValue();
                if (!now.isBefore(oldest.sentAt().plus(settings.ackTimeout()))) {
                    LOG.warn("gateway {}/{}: no ack for seq [{}, {}] within {}; resending from the lowest unconfirmed seq",
                            tenant, gateway, oldest.seqFrom(), oldest.seqTo(), settings.ackTimeout());
                    rewind("ack_timeout");
                }
            }
            if (now.isBefore(retryNotBefore)) return;
            while (inFlight.size() < settings.maxInFlightBatches()) {
                List<Reading> readings = buffer.peek(lastSentSeq, settings.batchMaxReadings());
                if (readings.isEmpty()) break;
                long from = readings.get(0).seq();
                long to = readings.get(readings.size() - 1).seq();
                toSend.add(new ReadingBatch(tenant, gateway, from, to, now, readings));
                inFlight.put(from, new InFlight(from, to, readings.size(), now));
                lastSentSeq = to;
            }
            sendRound = round;
        }
        for (ReadingBatch batch : toSend) {
            LOG.debug("gateway {}/{}: publishing seq [{}, {}] ({} readings)",
                    tenant, gateway, batch.seqFrom(), batch.seqTo(), batch.readings().size());
            batchesSent.inc();
            transport.publish(readingsTopic, WireCodec.encode(batch)).whenComplete((ok, failure) -> {
                if (failure != null) publishFailed(batch, failure, sendRound);
            });
        }
    }

    /** Handles a message on the acks topic: a BatchAck, decoded strictly. */
    public void onAck(byte[] payload) {
        BatchAck ack;
        try {
            ack = WireCodec.decodeAck(payload);
        } catch (WireFormatException e) {
            acks.labelValues("invalid").inc();
            LOG.warn("gateway {}/{}: ignoring an unreadable ack: {}", tenant, gateway, e.getMessage());
            return;
        }
        onAck(ack);
    }

    public void onAck(BatchAck ack) {
        if (!gateway.equals(ack.gateway())) {
            acks.labelValues("foreign").inc();
            LOG.warn("gateway {}/{}: ignoring an ack addressed to gateway {}", tenant, gateway, ack.gateway());
            return;
        }
        Runnable wake;
        synchronized (this) {
            switch (ack.status()) {
                case COMMITTED -> {
                    int deleted = buffer.confirm(ack.seqFrom(), ack.seqTo());
                    acks.labelValues("committed").inc();
                    publishFailures = 0;
                    LOG.debug("gateway {}/{}: seq [{}, {}] committed ({} stored, {} duplicates), {} deleted",
                            tenant, gateway, ack.seqFrom(), ack.seqTo(), ack.stored(), ack.duplicates(), deleted);
                }
                case REJECTED -> {
                    int moved = buffer.deadLetter(ack.seqFrom(), ack.seqTo(), ack.reason());
                    acks.labelValues("rejected").inc();
                    LOG.warn("gateway {}/{}: cloud refused seq [{}, {}]: {}; {} readings dead-lettered locally",
                            tenant, gateway, ack.seqFrom(), ack.seqTo(), ack.reason(), moved);
                }
            }
            // Acks answer whole batches; a batch only partly covered stays until it times out.
            for (Iterator<Map.Entry<Long, InFlight>> it = inFlight.entrySet().iterator(); it.hasNext(); ) {
                InFlight f = it.next().getValue();
                if (f.seqFrom() >= ack.seqFrom() && f.seqTo() <= ack.seqTo()) it.remove();
            }
            wake = wakeUp;
        }
        wake.run();
    }

    private void publishFailed(ReadingBatch batch, Throwable failure, long sendRound) {
        Throwable cause = failure instanceof CompletionException && failure.getCause() != null
                ? failure.getCause() : failure;
        int code = cause instanceof PublishException p ? p.reasonCode() : PublishException.NO_CODE;
        Runnable wake;
        synchronized (this) {
            if (sendRound != round) return;
            publishFailures++;
            Duration wait = settings.retryBackoff().delay(publishFailures);
            retryNotBefore = clock.instant().plus(wait);
            LOG.warn("gateway {}/{}: publish of seq [{}, {}] failed (reason code {}): {}; resending in {}",
                    tenant, gateway, batch.seqFrom(), batch.seqTo(), code, cause.getMessage(), wait);
            rewind("publish_failed");
            wake = wakeUp;
        }
        wake.run();
    }

    private void rewind(String cause) {
        if (!inFlight.isEmpty() || lastSentSeq != 0) resends.labelValues(cause).inc();
        inFlight.clear();
        lastSentSeq = 0;
        round++;
    }
}
