package fr.beffroi.ingest.decode;

import fr.beffroi.ingest.ack.IngestOutcome;
import fr.beffroi.ingest.auth.Gateway;
import fr.beffroi.ingest.batch.Batcher;
import fr.beffroi.ingest.metrics.IngestMetrics;
import fr.beffroi.ingest.metrics.IngestMetrics.Outcome;
import fr.beffroi.ingest.store.DeadLetterStore;
import fr.beffroi.profiles.wire.BatchAck;
import fr.beffroi.profiles.wire.ReadingBatch;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.util.Optional;

/**
 * The path every endpoint shares once a gateway is authenticated: decode, check, then either hand
 * the batch to the batcher or keep the message in dead_letter, and count the message once under
 * its outcome. The returned future never fails: a failure is an outcome ({@code FAILED}). It
 * completes on the caller's Vert.x context, only once the outcome is durable.
 */
public final class Intake {
    private static final Logger LOG = LoggerFactory.getLogger(Intake.class);

    private final Vertx vertx;
    private final BatchDecoder decoder;
    private final Batcher batcher;
    private final DeadLetterStore deadLetters;
    private final IngestMetrics metrics;
    private final Clock clock;

    public Intake(Vertx vertx, BatchDecoder decoder, Batcher batcher, DeadLetterStore deadLetters,
                  IngestMetrics metrics, Clock clock) {
        this.vertx = vertx;
        this.decoder = decoder;
        this.batcher = batcher;
        this.deadLetters = deadLetters;
        this.metrics = metrics;
        this.clock = clock;
    }

    /** Takes one ReadingBatch payload from an authenticated gateway. */
    public Future<IngestOutcome> ingest(String endpoint, Gateway gateway, String topic, byte[] payload) {
        Decoded decoded = decoder.decode(gateway, payload);
        decoded.readBatch().ifPresent(b -> metrics.batchSize(b.readings().size()));
        if (decoded instanceof Decoded.Valid valid) return store(endpoint, valid.batch());
        if (decoded instanceof Decoded.Forbidden f) {
            return refuse(endpoint, gateway, topic, payload, IngestOutcome.Kind.FORBIDDEN, f.reason(), f.batch());
        }
        String reason = decoded instanceof Decoded.Invalid i ? i.reason() : ((Decoded.Malformed) decoded).reason();
        return refuse(endpoint, gateway, topic, payload, IngestOutcome.Kind.INVALID, reason,
                decoded.readBatch().orElse(null));
    }

    /**
     * Keeps a refused message in dead_letter, then answers the refusal. If even that write fails,
     * the outcome is {@code FAILED}: nothing is acknowledged until something is durable.
     */
    public Future<IngestOutcome> refuse(String endpoint, Gateway gateway, String topic, byte[] payload,
                                        IngestOutcome.Kind kind, String reason, ReadingBatch readBatch) {
        Outcome counted = kind == IngestOutcome.Kind.INVALID ? Outcome.DEAD_LETTERED : Outcome.REJECTED;
        int readings = readBatch == null ? 0 : readBatch.readings().size();
        LOG.warn("{} message from gateway {} (tenant {}) on {} refused ({}): {}", endpoint, gateway.id(),
                gateway.tenant(), topic, kind, reason);
        DeadLetterStore.DeadLetter letter = new DeadLetterStore.DeadLetter(clock.instant(), gateway.tenant(),
                gateway.id(), endpoint, topic, reason, payload);
        return vertx.<Void>executeBlocking(() -> {
                    deadLetters.write(letter);
                    return null;
                }, false)
                .map(ignored -> {
                    metrics.batch(endpoint, counted);
                    metrics.readings(endpoint, counted, readings);
                    BatchAck ack = kind == IngestOutcome.Kind.INVALID ? rejectedAck(gateway, readBatch, reason) : null;
                    return IngestOutcome.refused(kind, ack, reason);
                })
                .otherwise(e -> failed(endpoint, gateway, readings, "dead_letter not written: " + e));
    }

    private Future<IngestOutcome> store(String endpoint, ReadingBatch batch) {
        Context context = vertx.getOrCreateContext();
        return Future.fromCompletionStage(batcher.submit(batch), context)
                .map(ack -> {
                    metrics.batch(endpoint, ack.stored() > 0 ? Outcome.STORED : Outcome.DUPLICATE);
                    metrics.readings(endpoint, Outcome.STORED, ack.stored());
                    metrics.readings(endpoint, Outcome.DUPLICATE, ack.duplicates());
                    LOG.debug("gateway {} (tenant {}) batch {}..{} committed: {} stored, {} duplicates",
                            batch.gateway(), batch.tenant(), batch.seqFrom(), batch.seqTo(), ack.stored(),
                            ack.duplicates());
                    return IngestOutcome.committed(ack);
                })
                .otherwise(e -> failed(endpoint, new Gateway(batch.gateway(), batch.tenant()),
                        batch.readings().size(), e.toString()));
    }

    private IngestOutcome failed(String endpoint, Gateway gateway, int readings, String reason) {
        metrics.batch(endpoint, Outcome.FAILED);
        metrics.readings(endpoint, Outcome.FAILED, readings);
        LOG.warn("{} message from gateway {} (tenant {}) not acknowledged, database failed: {}", endpoint,
                gateway.id(), gateway.tenant(), reason);
        return IngestOutcome.failed("database unavailable");
    }

    /** A REJECTED ack needs a range; only a batch that was read and has a sane range gets one. */
    static BatchAck rejectedAck(Gateway gateway, ReadingBatch read, String reason) {
        return Optional.ofNullable(read)
                .filter(b -> b.seqFrom() >= 0 && b.seqTo() >= b.seqFrom())
                .map(b -> BatchAck.rejected(gateway.id(), b.seqFrom(), b.seqTo(), reason))
                .orElse(null);
    }
}
