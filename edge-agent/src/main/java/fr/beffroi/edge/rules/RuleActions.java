package fr.beffroi.edge.rules;

import fr.beffroi.edge.actuator.CommandExecutor;
import fr.beffroi.profiles.wire.CommandResult;
import fr.beffroi.profiles.wire.IsoInstants;
import fr.beffroi.profiles.wire.Quality;
import fr.beffroi.profiles.wire.Reading;
import fr.beffroi.rules.eval.ActionSink;
import fr.beffroi.rules.model.Action;
import fr.beffroi.rules.model.Action.AlertAction;
import fr.beffroi.rules.model.Action.CommandAction;
import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Consumer;

/**
 * What the edge rules decide, done here: a {@link CommandAction} is executed locally through the
 * same {@link CommandExecutor} (and per-device locks) as the cloud's commands, with no round trip;
 * an {@link AlertAction} is only reported. Every action becomes an event reading of the gateway,
 * appended to the buffer like any reading, so that the cloud gets the audit once the link is up:
 * <ul>
 *   <li>{@code ruleCommand} (value = the value written; attrs {@code rule, commandId, device, point,
 *       value, outcome} EXECUTED | FAILED | REFUSED | EXPIRED, and {@code reason} unless EXECUTED);</li>
 *   <li>{@code ruleAlert} (value = 0 info, 1 warning, 2 critical; attrs {@code rule, level, message}).</li>
 * </ul>
 * A command's id is deterministic per firing ({@code rule:<id>@<instant>/<device>/<point>}) and
 * claimed in the rule state file before the write: a firing replayed after a crash writes once.
 * Called on the rules' thread.
 */
public final class RuleActions implements ActionSink {
    private static final Logger LOG = LoggerFactory.getLogger(RuleActions.class);

    /** The point names of the audit events. */
    public static final String COMMAND_EVENT = "ruleCommand";
    public static final String ALERT_EVENT = "ruleAlert";

    /** What came of a rule's command, as in the {@code outcome} attribute and the metric. */
    public enum Outcome { EXECUTED, FAILED, REFUSED, EXPIRED, REPEATED, ALERTED }

    private final String gateway;
    private final Set<String> devices;
    private final CommandExecutor executor;
    private final SqliteRuleStateStore ledger;
    private final Consumer<List<Reading>> audit;
    private final Clock clock;
    private final Counter actions;

    /**
     * @param gateway  this gateway's id, the device of the audit events
     * @param devices  the device ids of this gateway's config: a rule may act on no other
     * @param executor the executor the cloud's commands use
     * @param ledger   where each executed command id is claimed first
     * @param audit    where the audit events go (the reading buffer's append)
     */
    public RuleActions(String gateway, Set<String> devices, CommandExecutor executor, SqliteRuleStateStore ledger,
                       Consumer<List<Reading>> audit, Clock clock, PrometheusRegistry registry) {
        this.gateway = Objects.requireNonNull(gateway, "gateway");
        this.devices = Set.copyOf(devices);
        this.executor = Objects.requireNonNull(executor, "executor");
        this.ledger = Objects.requireNonNull(ledger, "ledger");
        this.audit = Objects.requireNonNull(audit, "audit");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.actions = Counter.builder().name("beffroi_edge_rule_actions")
                .help("Actions of the edge rules by kind (command, alert) and outcome")
                .labelNames("kind", "outcome").register(registry);
    }

    /** The id of a rule's command: the same firing always gives the same id. */
    public static String commandId(CommandAction c) {
        return "rule:" + c.ruleId() + "@" + IsoInstants.format(c.at()) + "/" + c.device() + "/" + c.point();
    }

    /** How many actions ended with this outcome (for stats and tests). */
    public long count(String kind, Outcome outcome) {
        return (long) actions.labelValues(kind, outcome.name()).get();
    }

    @Override
    public void accept(Action action) {
        if (action instanceof CommandAction c) {
            command(c);
        } else if (action instanceof AlertAction a) {
            alert(a);
        }
    }

    private void command(CommandAction c) {
        String id = commandId(c);
        Outcome outcome;
        String reason = null;
        if (!devices.contains(c.device())) {
            outcome = Outcome.REFUSED;
            reason = "device " + c.device() + " is not on gateway " + gateway;
            LOG.warn("gateway {}: rule {} command {} refused: {}", gateway, c.ruleId(), id, reason);
        } else if (!ledger.claim(id, c.ruleId(), c.at())) {
            actions.labelValues("command", Outcome.REPEATED.name()).inc();
            LOG.info("gateway {}: rule {} command {} to device {} already executed, not repeated", gateway,
                    c.ruleId(), id, c.device());
            return;
        } else if (!clock.instant().isBefore(c.expiresAt())) {
            outcome = Outcome.EXPIRED;
            reason = "expired at " + c.expiresAt() + ", due at " + clock.instant();
            LOG.warn("gateway {}: rule {} command {} to device {} not executed: {}", gateway, c.ruleId(), id,
                    c.device(), reason);
        } else {
            CommandResult r = executor.execute(c.toWire(id));
            outcome = r.status() == CommandResult.Status.EXECUTED ? Outcome.EXECUTED : Outcome.FAILED;
            reason = r.reason();
        }
        actions.labelValues("command", outcome.name()).inc();
        Map<String, String> attrs = new LinkedHashMap<>();
        attrs.put("rule", c.ruleId());
        attrs.put("commandId", id);
        attrs.put("device", c.device());
        attrs.put("point", c.point());
        attrs.put("value", Double.toString(c.value()));
        attrs.put("outcome", outcome.name());
        if (reason != null) attrs.put("reason", truncate(reason));
        emit(new Reading(0, gateway, COMMAND_EVENT, c.at(), c.value(), "1", Quality.GOOD, attrs));
    }

    private void alert(AlertAction a) {
        actions.labelValues("alert", Outcome.ALERTED.name()).inc();
        LOG.info("gateway {}: rule {} alert ({}): {}", gateway, a.ruleId(), a.level(), a.message());
        Map<String, String> attrs = new LinkedHashMap<>();
        attrs.put("rule", a.ruleId());
        attrs.put("level", a.level().name().toLowerCase(Locale.ROOT));
        attrs.put("message", truncate(a.message()));
        emit(new Reading(0, gateway, ALERT_EVENT, a.at(), a.level().ordinal(), "1", Quality.GOOD, attrs));
    }

    private void emit(Reading event) {
        try {
            audit.accept(List.of(event));
        } catch (RuntimeException e) {
            // The action is done; losing its audit must be loud, not fatal to the rules.
            LOG.error("gateway {}: {} of rule {} could not be buffered: {}", gateway, event.point(),
                    event.attrs().get("rule"), event.attrs(), e);
        }
    }

    /** The wire refuses longer attribute values, and with them the whole batch. */
    private static String truncate(String s) {
        return s.length() <= 1000 ? s : s.substring(0, 1000) + "...";
    }
}
