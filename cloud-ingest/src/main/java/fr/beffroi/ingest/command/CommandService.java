package fr.beffroi.ingest.command;

import fr.beffroi.ingest.ack.IngestOutcome;
import fr.beffroi.ingest.auth.Gateway;
import fr.beffroi.ingest.decode.Intake;
import fr.beffroi.ingest.metrics.IngestMetrics;
import fr.beffroi.profiles.wire.Command;
import fr.beffroi.profiles.wire.CommandResult;
import fr.beffroi.profiles.wire.WireCodec;
import fr.beffroi.profiles.wire.WireFormatException;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The asynchronous face of the {@link CommandLedger}, the one the HTTP API, the MQTT downlink and
 * the cloud rules ({@code rule/CloudActionSink}) call: every ledger call runs on a worker thread, every future
 * completes on the caller's context. An issued command is announced on the event bus at
 * {@link #ISSUED_ADDRESS} ({@code {tenant, gateway}}) so that the MQTT endpoint pushes it at once
 * if the gateway is connected; otherwise it waits in the ledger for the gateway's next subscribe.
 */
public final class CommandService {
    private static final Logger LOG = LoggerFactory.getLogger(CommandService.class);
    /** Event-bus address of "a gateway has a new pending command": body {@code {tenant, gateway}}. */
    public static final String ISSUED_ADDRESS = "beffroi.commands.issued";

    private final Vertx vertx;
    private final CommandLedger ledger;
    private final Intake intake;
    private final IngestMetrics metrics;
    private long sweepTimer = -1;

    /**
     * @param intake  where results that cannot be recorded are dead-lettered, as other bad input
     * @param metrics counts each stage ({@code beffroi_ingest_commands{stage}})
     */
    public CommandService(Vertx vertx, CommandLedger ledger, Intake intake, IngestMetrics metrics) {
        this.vertx = Objects.requireNonNull(vertx, "vertx");
        this.ledger = Objects.requireNonNull(ledger, "ledger");
        this.intake = Objects.requireNonNull(intake, "intake");
        this.metrics = Objects.requireNonNull(metrics, "metrics");
    }

    /**
     * Issues a command (idempotent by id, see {@link CommandLedger#issue}) and announces it to the
     * downlink. Fails with {@link CommandRefused} when the request is refused.
     */
    public Future<CommandRecord> issue(CommandRequest request) {
        return vertx.executeBlocking(() -> ledger.issue(request), false).onFailure(e -> {
            if (e instanceof CommandRefused) metrics.command("refused");
        }).onSuccess(record -> {
            metrics.command("issued");
            if (record.status().open()) {
                vertx.eventBus().publish(ISSUED_ADDRESS, new JsonObject().put("tenant", record.command().tenant())
                        .put("gateway", record.gateway()));
            }
            LOG.info("command {} for {}/{} {} = {} by {}: {} (gateway {})", record.command().id(),
                    request.tenant(), request.device(), request.point(), request.value(), request.issuedBy(),
                    record.status(), record.gateway());
        });
    }

    public Future<Optional<CommandRecord>> find(String id) {
        return vertx.executeBlocking(() -> ledger.find(id), false);
    }

    /** The commands to push to a gateway that just subscribed, or was just given one. */
    public Future<List<Command>> pending(Gateway gateway) {
        return vertx.executeBlocking(() -> ledger.pending(gateway.tenant(), gateway.id()), false);
    }

    public Future<Void> markSent(String commandId) {
        return vertx.<Void>executeBlocking(() -> {
            ledger.markSent(commandId);
            return null;
        }, true).onSuccess(v -> metrics.command("sent"));
    }

    /**
     * Takes a {@link CommandResult} payload a gateway published on its command-results topic.
     * Recorded or already recorded: COMMITTED (no BatchAck). Malformed or naming a command this
     * gateway was never sent: dead-lettered, INVALID. The future never fails.
     */
    public Future<IngestOutcome> result(String endpoint, Gateway gateway, String topic, byte[] payload) {
        CommandResult result;
        try {
            result = WireCodec.decodeCommandResult(payload);
        } catch (WireFormatException e) {
            return intake.refuse(endpoint, gateway, topic, payload, IngestOutcome.Kind.INVALID,
                    "malformed CommandResult: " + e.getMessage(), null);
        }
        // Ordered: one gateway's results are recorded in the order it published them (ACCEPTED, then EXECUTED).
        return vertx.executeBlocking(() -> ledger.record(gateway.tenant(), gateway.id(), result), true)
                .compose(recorded -> {
                    if (recorded == CommandLedger.Recorded.UNKNOWN) {
                        return intake.refuse(endpoint, gateway, topic, payload, IngestOutcome.Kind.INVALID,
                                "result for unknown command " + result.commandId(), null);
                    }
                    if (recorded == CommandLedger.Recorded.RECORDED) {
                        metrics.command(result.status().name().toLowerCase(java.util.Locale.ROOT));
                    }
                    LOG.info("command {}: {} reported by gateway {} (tenant {}){}{}", result.commandId(),
                            result.status(), gateway.id(), gateway.tenant(),
                            recorded == CommandLedger.Recorded.DUPLICATE ? ", already recorded" : "",
                            result.reason() == null ? "" : ": " + result.reason());
                    return Future.succeededFuture(new IngestOutcome(IngestOutcome.Kind.COMMITTED, null, null));
                }, e -> {
                    LOG.warn("command result from gateway {} (tenant {}) not recorded, database failed: {}",
                            gateway.id(), gateway.tenant(), e.toString());
                    return Future.succeededFuture(IngestOutcome.failed("database unavailable"));
                });
    }

    /** Expires overdue commands every {@code period}, until {@link #close()}. */
    public void startSweep(Duration period) {
        sweepTimer = vertx.setPeriodic(period.toMillis(), id -> sweep());
    }

    /** One sweep: marks EXPIRED every open command past its expiry. */
    public Future<List<String>> sweep() {
        return vertx.executeBlocking(ledger::expire, false)
                .onSuccess(ids -> {
                    ids.forEach(id -> metrics.command("expired"));
                    if (!ids.isEmpty()) LOG.info("commands expired before their gateway reported: {}", ids);
                })
                .onFailure(e -> LOG.warn("command expiry sweep failed: {}", e.toString()));
    }

    public void close() {
        if (sweepTimer >= 0) vertx.cancelTimer(sweepTimer);
    }
}
