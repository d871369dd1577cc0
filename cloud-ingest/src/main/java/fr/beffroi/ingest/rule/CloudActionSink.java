package fr.beffroi.ingest.rule;

import fr.beffroi.ingest.command.CommandRefused;
import fr.beffroi.ingest.command.CommandRequest;
import fr.beffroi.ingest.command.CommandService;
import fr.beffroi.ingest.metrics.IngestMetrics;
import fr.beffroi.rules.eval.ActionSink;
import fr.beffroi.rules.model.Action;
import fr.beffroi.rules.model.Action.AlertAction;
import fr.beffroi.rules.model.Action.CommandAction;
import fr.beffroi.rules.model.AlertLevel;
import io.vertx.core.Vertx;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;

/**
 * What the cloud does with the engines' actions: a {@link CommandAction} goes to the command
 * ledger, an {@link AlertAction} to the {@code alert} table and the log. Hands the work to Vert.x
 * and returns at once (the engine's thread is not blocked). Ids are deterministic per firing
 * ({@link #firingId}), so a retry after a database failure is idempotent.
 */
public final class CloudActionSink implements ActionSink {
    private static final Logger LOG = LoggerFactory.getLogger(CloudActionSink.class);
    static final int MAX_ATTEMPTS = 3;
    static final long RETRY_MILLIS = 5_000;

    private final Vertx vertx;
    private final CommandService commands;
    private final AlertStore alerts;
    private final IngestMetrics metrics;
    private final Clock clock;

    public CloudActionSink(Vertx vertx, CommandService commands, AlertStore alerts, IngestMetrics metrics, Clock clock) {
        this.vertx = vertx;
        this.commands = commands;
        this.alerts = alerts;
        this.metrics = metrics;
        this.clock = clock;
    }

    /**
     * {@code <tenant>:<rule>:<epoch millis of the firing>}: one firing, one id. Within the ledger's
     * id pattern ({@code [A-Za-z0-9][A-Za-z0-9_.:-]{0,127}}): tenant and rule ids are such ids.
     */
    public static String firingId(Action a) {
        return a.tenant() + ":" + a.ruleId() + ":" + a.at().toEpochMilli();
    }

    /**
     * One id per step of a firing: a rule whose {@code then} sets a setpoint and a mode issues two
     * commands at the same instant, and each must be its own ledger entry (the same firing id for
     * both would refuse the second as a conflict). The target names the step; when the id would
     * pass the ledger's 128 characters, a digest of the target stands for it.
     */
    public static String stepId(Action a) {
        String target = a instanceof CommandAction c ? c.device() + ":" + c.point()
                : ((AlertAction) a).level() + ":" + digest(((AlertAction) a).message());
        String id = firingId(a) + ":" + target;
        return id.length() <= 128 ? id : firingId(a) + ":" + digest(target);
    }

    private static String digest(String text) {
        try {
            byte[] d = java.security.MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            return java.util.HexFormat.of().formatHex(d, 0, 6);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    @Override
    public void accept(Action action) {
        if (action instanceof CommandAction c) {
            issue(c, 1);
        } else if (action instanceof AlertAction a) {
            if (a.level() == AlertLevel.INFO) {
                LOG.info("ALERT tenant {} rule {} [{}] at {}: {}", a.tenant(), a.ruleId(), a.level(), a.at(), a.message());
            } else {
                LOG.warn("ALERT tenant {} rule {} [{}] at {}: {}", a.tenant(), a.ruleId(), a.level(), a.at(), a.message());
            }
            alert(a, 1);
        }
    }

    private void issue(CommandAction c, int attempt) {
        CommandRequest request = new CommandRequest(stepId(c), c.tenant(), c.device(), c.point(), c.value(),
                c.issuer(), c.expiresAt());
        commands.issue(request).onSuccess(record -> metrics.ruleAction(c.tenant(), "command", "issued"))
                .onFailure(e -> {
                    if (e instanceof CommandRefused r) {
                        metrics.ruleAction(c.tenant(), "command", "refused");
                        LOG.warn("tenant {}: rule {} command {}/{} = {} refused ({}): {}", c.tenant(), c.ruleId(),
                                c.device(), c.point(), c.value(), r.kind(), r.getMessage());
                    } else if (attempt < MAX_ATTEMPTS && clock.instant().isBefore(c.expiresAt())) {
                        LOG.warn("tenant {}: rule {} command {}/{} not issued (attempt {}), retrying: {}", c.tenant(),
                                c.ruleId(), c.device(), c.point(), attempt, e.toString());
                        vertx.setTimer(RETRY_MILLIS * attempt, t -> issue(c, attempt + 1));
                    } else {
                        metrics.ruleAction(c.tenant(), "command", "failed");
                        LOG.warn("tenant {}: rule {} command {}/{} = {} not issued after {} attempts: {}", c.tenant(),
                                c.ruleId(), c.device(), c.point(), c.value(), attempt, e.toString());
                    }
                });
    }

    private void alert(AlertAction a, int attempt) {
        vertx.executeBlocking(() -> alerts.record(stepId(a), a), false)
                .onSuccess(fresh -> metrics.ruleAction(a.tenant(), "alert", "recorded"))
                .onFailure(e -> {
                    if (attempt < MAX_ATTEMPTS) {
                        vertx.setTimer(RETRY_MILLIS * attempt, t -> alert(a, attempt + 1));
                    } else {
                        metrics.ruleAction(a.tenant(), "alert", "failed");
                        LOG.warn("tenant {}: alert of rule {} at {} not recorded after {} attempts: {}", a.tenant(),
                                a.ruleId(), a.at(), attempt, e.toString());
                    }
                });
    }
}
