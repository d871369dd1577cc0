package fr.beffroi.edge.app;

import fr.beffroi.edge.actuator.Actuator;
import fr.beffroi.edge.actuator.CommandExecutor;
import fr.beffroi.edge.actuator.GuardedDriver;
import fr.beffroi.edge.buffer.AllowListStore;
import fr.beffroi.edge.buffer.AppendResult;
import fr.beffroi.edge.buffer.CommandLog;
import fr.beffroi.edge.buffer.CorruptFrameStore;
import fr.beffroi.edge.buffer.FileOwner;
import fr.beffroi.edge.buffer.ReadingBuffer;
import fr.beffroi.edge.downlink.AllowListDownlink;
import fr.beffroi.edge.downlink.CommandDownlink;
import fr.beffroi.edge.downlink.CommandVerifier;
import fr.beffroi.edge.downlink.ResultOutbox;
import fr.beffroi.edge.driver.access.AllowListPolicy;
import fr.beffroi.edge.health.DeviceHealth;
import fr.beffroi.edge.health.HealthBoard;
import fr.beffroi.edge.poll.ExecutorDelayScheduler;
import fr.beffroi.edge.poll.PollBackoff;
import fr.beffroi.edge.poll.PollScheduler;
import fr.beffroi.edge.poll.PolledDevice;
import fr.beffroi.edge.poll.ReadingListener;
import fr.beffroi.edge.rules.EdgeRules;
import fr.beffroi.edge.rules.RuleActions;
import fr.beffroi.edge.rules.SqliteRuleStateStore;
import fr.beffroi.edge.uplink.Backoff;
import fr.beffroi.edge.uplink.PahoTransport;
import fr.beffroi.edge.uplink.TrustedCa;
import fr.beffroi.edge.uplink.SendLoop;
import fr.beffroi.edge.uplink.SendSettings;
import fr.beffroi.edge.uplink.Uplink;
import fr.beffroi.profiles.wire.Reading;
import fr.beffroi.rules.eval.RuleEngine;
import fr.beffroi.rules.model.RuleSet;
import fr.beffroi.rules.model.Site;
import io.prometheus.metrics.exporter.httpserver.HTTPServer;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.net.ssl.SSLSocketFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Function;

/**
 * The edge agent's one composition root: builds buffer, drivers, poll scheduler, uplink and the
 * metrics endpoint from an {@link AgentConfig}, starts them in data-flow order and stops them in
 * reverse. Nothing else in the agent constructs a collaborator.
 */
public final class EdgeAgent implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(EdgeAgent.class);
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);
    private static final Duration UPLINK_IDLE_PERIOD = Duration.ofMillis(200);
    /** Refused frames kept for a technician; every one is counted in the metric beyond that. */
    private static final long MAX_CORRUPT_FRAMES = 10_000;
    private static final Duration CORRUPT_FRAME_LOG_EVERY = Duration.ofSeconds(10);

    private final AgentConfig config;
    private final DriverFactory drivers;
    private final Clock clock;
    private final Function<String, String> environment;
    private final AllowListPolicy access;
    private final PrometheusRegistry registry = new PrometheusRegistry();
    private final HealthBoard health = new HealthBoard();

    private ReadingBuffer buffer;
    private CorruptFrameStore corruptFrames;
    private CommandLog commandLog;
    private CommandDownlink downlink;
    private ExecutorDelayScheduler pollThreads;
    private PollScheduler scheduler;
    private SendLoop sendLoop;
    private Uplink uplink;
    private HTTPServer metricsServer;
    private AllowListStore allowListStore;
    private AllowListDownlink allowListDownlink;
    private SqliteRuleStateStore ruleState;
    private RuleActions ruleActions;
    private EdgeRules edgeRules;

    /**
     * Production wiring: the drivers of the config, the system clock and the process environment.
     * Doors decide from the allow-list the cloud sends down (kept on disk, so they work offline).
     */
    public EdgeAgent(AgentConfig config) {
        this(config, new AllowListPolicy(), Clock.systemUTC());
    }

    private EdgeAgent(AgentConfig config, AllowListPolicy access, Clock clock) {
        this(config, new DefaultDriverFactory(clock, config.gpio(), access), access, clock, System::getenv);
    }

    /**
     * @param drivers     makes each configured device's driver (tests pass fakes)
     * @param environment looks up environment variables, for the MQTT password
     */
    public EdgeAgent(AgentConfig config, DriverFactory drivers, Clock clock, Function<String, String> environment) {
        this(config, drivers, new AllowListPolicy(), clock, environment);
    }

    /**
     * @param access the allow-list the agent keeps up to date from the cloud and from its store; the
     *               door drivers {@code drivers} makes must ask this very policy
     */
    public EdgeAgent(AgentConfig config, DriverFactory drivers, AllowListPolicy access, Clock clock,
                     Function<String, String> environment) {
        this.access = Objects.requireNonNull(access, "access");
        this.config = Objects.requireNonNull(config, "config");
        this.drivers = Objects.requireNonNull(drivers, "drivers");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.environment = Objects.requireNonNull(environment, "environment");
    }

    /** Reads and validates the YAML file, then wires the production agent (not started). */
    public static EdgeAgent fromConfigFile(Path file) throws ConfigException {
        return new EdgeAgent(ConfigLoader.load(file));
    }

    /**
     * Opens the buffer and the command log, starts the metrics endpoint, the uplink with the
     * command downlink riding it, then polling. Each driver is wrapped in a {@link GuardedDriver},
     * shared by the poll scheduler and the command executor, so that a write never interleaves
     * with a poll of the same device.
     *
     * The stored allow-list is installed before any driver exists, and the edge rules (when a rule
     * file is configured) get each poll's readings right after the buffer stored them.
     *
     * @throws ConfigException when the MQTT password cannot be read or the rule file is refused
     */
    public synchronized void start() throws ConfigException {
        if (buffer != null) throw new IllegalStateException("already started");
        GatewayConfig gw = config.gateway();
        UplinkConfig up = config.uplink();
        byte[] password = up.password().isPresent() ? up.password().get().resolve(environment) : null;
        Optional<SSLSocketFactory> tls;
        try {
            tls = up.trustedCa().map(TrustedCa::socketFactory);
        } catch (IllegalArgumentException e) {
            throw new ConfigException("uplink.tls.ca: " + e.getMessage());
        }
        if (password != null && up.url().startsWith("tcp://") && !loopback(up.url())) {
            LOG.warn("gateway {}/{}: uplink {} is plain TCP: the gateway's password and readings cross the network"
                    + " in clear; use ssl:// (uplink.tls.ca for a CA of your own)", gw.tenant(), gw.id(), up.url());
        }
        Optional<RuleSet> rules = Optional.empty();
        if (config.rules().file().isPresent()) {
            RuleSet set = RuleFile.load(config.rules().file().get());
            if (!set.tenant().equals(gw.tenant())) {
                throw new ConfigException("rules.file: " + config.rules().file().get() + " is tenant " + set.tenant()
                        + "'s rule file, this gateway is " + gw.tenant() + "'s");
            }
            rules = Optional.of(set.forSite(Site.EDGE));
        }
        claimStateFiles(rules.isPresent());

        buffer = ReadingBuffer.open(config.buffer().path(), config.buffer().maxReadings(), config.buffer().whenFull(),
                clock, registry);
        corruptFrames = CorruptFrameStore.open(config.buffer().path(), MAX_CORRUPT_FRAMES, CORRUPT_FRAME_LOG_EVERY,
                clock, registry);
        try {
            if (config.metrics().enabled()) {
                metricsServer = HTTPServer.builder().hostname(config.metrics().host()).port(config.metrics().port())
                        .registry(registry).buildAndStart();
                LOG.info("gateway {}/{}: metrics on {}:{}", gw.tenant(), gw.id(), config.metrics().host(),
                        metricsServer.getPort());
            }
        } catch (IOException e) {
            close();
            throw new UncheckedIOException("metrics endpoint " + config.metrics().host() + ":" + config.metrics().port(), e);
        }

        Backoff retry = new Backoff(up.reconnectBackoffMin(), up.reconnectBackoffMax(),
                () -> ThreadLocalRandom.current().nextDouble());
        PahoTransport transport = new PahoTransport(up.url(), gw.id(), up.username(), password, up.sessionExpiry(),
                tls);
        sendLoop = new SendLoop(gw.tenant(), gw.id(), buffer, transport,
                new SendSettings(up.batchMaxReadings(), up.maxInFlightBatches(), up.ackTimeout(), retry), clock, registry);
        uplink = new Uplink(gw.tenant(), gw.id(), transport, sendLoop, retry, CONNECT_TIMEOUT, UPLINK_IDLE_PERIOD);

        allowListStore = AllowListStore.open(config.access().store(), clock);
        allowListDownlink = new AllowListDownlink(gw.tenant(), gw.id(), allowListStore, access);
        allowListDownlink.restore();
        uplink.attach(allowListDownlink);

        List<GuardedDriver> guarded = new ArrayList<>();
        Map<String, Actuator> actuators = new HashMap<>();
        Path stateDir = config.buffer().path().toAbsolutePath().getParent();
        DriverContext driverContext = new DriverContext(corruptFrames, stateDir == null ? Path.of(".") : stateDir);
        for (DeviceConfig d : config.devices()) {
            GuardedDriver g = new GuardedDriver(drivers.create(d, driverContext));
            guarded.add(g);
            g.actuator().ifPresent(a -> actuators.put(d.id(), a));
        }
        commandLog = CommandLog.open(config.commands().log(), clock);
        Set<String> deviceIds = new java.util.HashSet<>();
        config.devices().forEach(d -> deviceIds.add(d.id()));
        CommandExecutor executor = new CommandExecutor(actuators, clock);
        downlink = new CommandDownlink(gw.tenant(), gw.id(), commandLog,
                new CommandVerifier(gw.tenant(), deviceIds, commandLog::status, clock),
                executor, clock, uplink::wakeUp);
        uplink.attach(downlink);
        uplink.attach(new ResultOutbox(gw.tenant(), gw.id(), commandLog, config.commands().resendAfter()));
        LOG.info("gateway {}/{}: commands on, log {}, devices that act: {}", gw.tenant(), gw.id(),
                config.commands().log(), actuators.keySet().stream().sorted().toList());
        LOG.info("gateway {}/{}: uplink to {} as {} (password from {})", gw.tenant(), gw.id(), up.url(), up.username(),
                up.password().map(PasswordSource::describe).orElse("nowhere: no authentication"));
        uplink.start();

        List<PolledDevice> devices = new ArrayList<>();
        for (int i = 0; i < guarded.size(); i++) {
            devices.add(new PolledDevice(guarded.get(i), config.devices().get(i).pollInterval()));
        }
        ReadingListener listener = ReadingListener.NONE;
        if (rules.isPresent()) {
            ruleState = SqliteRuleStateStore.open(config.rules().state(), clock);
            ruleActions = new RuleActions(gw.id(), deviceIds, executor, ruleState, this::bufferAudit, clock, registry);
            edgeRules = new EdgeRules(gw.id(), new RuleEngine(rules.get(), ruleState, ruleActions, clock), clock,
                    registry);
            edgeRules.start();
            listener = edgeRules;
            LOG.info("gateway {}/{}: edge rules from {}: {}", gw.tenant(), gw.id(), config.rules().file().get(),
                    rules.get().rules().stream().map(r -> r.id()).toList());
        }
        pollThreads = new ExecutorDelayScheduler(devices.size());
        scheduler = new PollScheduler(devices, buffer, health, pollThreads, clock, PollBackoff.DEFAULT, registry,
                listener);
        scheduler.start();
        LOG.info("gateway {}/{}: started with {} devices", gw.tenant(), gw.id(), devices.size());
    }

    /**
     * Refuses to start on a state file another gateway owns, naming the key that points at it: two
     * agents with buffers in one folder would otherwise share the files that default beside it.
     */
    private void claimStateFiles(boolean withRules) throws ConfigException {
        String me = config.gateway().tenant() + "/" + config.gateway().id();
        Map<String, Path> files = new java.util.LinkedHashMap<>();
        files.put("buffer.path", config.buffer().path());
        files.put("commands.log", config.commands().log());
        files.put("access.store", config.access().store());
        if (withRules) files.put("rules.state", config.rules().state());
        List<String> problems = new ArrayList<>();
        for (Map.Entry<String, Path> f : files.entrySet()) {
            String owner = FileOwner.claim(f.getValue(), me);
            if (!owner.equals(me)) {
                problems.add(f.getKey() + ": " + f.getValue().toAbsolutePath() + " belongs to gateway " + owner
                        + ", not to this gateway " + me + "; give each gateway its own folder (the command log, rule"
                        + " state and allow-list default to files beside buffer.path) or set " + f.getKey());
            }
        }
        if (!problems.isEmpty()) throw new ConfigException(problems);
    }

    private static boolean loopback(String url) {
        String host = url.replaceFirst("^[a-z]+://", "").replaceFirst(":\\d+/?$", "");
        return host.equals("localhost") || host.startsWith("127.") || host.equals("[::1]");
    }

    /** The audit events of the edge rules go to the buffer like readings, for the cloud. */
    private void bufferAudit(List<Reading> events) {
        AppendResult r = buffer.append(events);
        if (r.refused() > 0) {
            LOG.error("gateway {}/{}: buffer full, rule audit event refused: {}", config.gateway().tenant(),
                    config.gateway().id(), events);
        }
    }

    /** How many edge-rule actions ended with this outcome ({@code kind} command or alert); 0 without rules. */
    public long ruleActions(String kind, RuleActions.Outcome outcome) {
        RuleActions a = ruleActions;
        return a == null ? 0 : a.count(kind, outcome);
    }

    /** The allow-list in force for the doors. */
    public AllowListPolicy access() {
        return access;
    }

    public synchronized AgentStats stats() {
        if (buffer == null) return new AgentStats(0, 0, 0, 0, 0, 0, false);
        return new AgentStats(buffer.appendedTotal(), buffer.size(), buffer.confirmedTotal(), buffer.deadLetteredTotal(),
                buffer.refusedTotal(), sendLoop == null ? 0 : sendLoop.inFlightBatches(),
                uplink != null && uplink.isConnected());
    }

    /** Every device's latest health, sorted by id. */
    public List<DeviceHealth> health() {
        return health.snapshot();
    }

    /** The agent's metrics, for tests and embedding. */
    public PrometheusRegistry registry() {
        return registry;
    }

    /**
     * Stops polling while the uplink goes on forwarding what is buffered: how an operator drains a
     * gateway before maintenance (and how the demo ends with an empty buffer).
     */
    public synchronized void stopPolling() {
        if (scheduler != null) scheduler.close();
        if (pollThreads != null) pollThreads.close();
        scheduler = null;
        pollThreads = null;
    }

    /** Command messages refused as malformed and kept in the command log. */
    public synchronized long commandsDeadLettered() {
        return commandLog == null ? 0 : commandLog.deadLetterSize();
    }

    /** Command results waiting for the broker's acknowledgement. */
    public synchronized long commandResultsWaiting() {
        return commandLog == null ? 0 : commandLog.outboxSize();
    }

    /**
     * Stops the uplink (no new command comes in), lets the command in progress finish while its
     * driver is still open, stops polling (closing the drivers), then the metrics endpoint, then
     * closes the buffer and the command log.
     */
    @Override
    public synchronized void close() {
        if (uplink != null) uplink.close();
        if (downlink != null) downlink.close();
        if (allowListDownlink != null) allowListDownlink.close();
        if (edgeRules != null) edgeRules.close();
        stopPolling();
        if (metricsServer != null) metricsServer.close();
        drivers.close();
        if (corruptFrames != null) corruptFrames.close();
        if (buffer != null) buffer.close();
        if (commandLog != null) commandLog.close();
        if (ruleState != null) ruleState.close();
        if (allowListStore != null) allowListStore.close();
        LOG.info("gateway {}/{}: stopped", config.gateway().tenant(), config.gateway().id());
    }
}
