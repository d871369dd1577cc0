package fr.beffroi.edge.downlink;

import fr.beffroi.edge.actuator.CommandExecutor;
import fr.beffroi.edge.buffer.CommandLog;
import fr.beffroi.edge.uplink.Uplink;
import fr.beffroi.edge.uplink.UplinkTransport;
import fr.beffroi.profiles.wire.Command;
import fr.beffroi.profiles.wire.CommandResult;
import fr.beffroi.profiles.wire.Topics;
import fr.beffroi.profiles.wire.WireCodec;
import fr.beffroi.profiles.wire.WireFormatException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.util.List;
import java.util.Objects;

/**
 * Commands from the cloud: subscribed on the gateway's {@code down/commands} topic through the
 * uplink's connection, decoded strictly (a malformed one is logged with its reason and kept in the
 * command log's dead letters, never executed), verified ({@link CommandVerifier}), then ACCEPTED
 * and executed one at a time on this class's own thread (a device write must not hold up the MQTT
 * client's thread, which also carries the BatchAcks). Every stage is recorded with its result in
 * the {@link CommandLog} before anything else happens; the {@link ResultOutbox} sends the results.
 */
public final class CommandDownlink implements Uplink.Rider, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(CommandDownlink.class);

    private final String tenant;
    private final String gateway;
    private final String topic;
    private final CommandLog log;
    private final CommandVerifier verifier;
    private final CommandExecutor executor;
    private final Clock clock;
    private final Runnable resultsReady;
    private final MessageWorker worker;

    /** @param resultsReady told when a result entered the outbox (the uplink's wake-up) */
    public CommandDownlink(String tenant, String gateway, CommandLog log, CommandVerifier verifier,
                           CommandExecutor executor, Clock clock, Runnable resultsReady) {
        this.tenant = Objects.requireNonNull(tenant, "tenant");
        this.gateway = Objects.requireNonNull(gateway, "gateway");
        this.topic = Topics.commands(tenant, gateway);
        this.log = Objects.requireNonNull(log, "log");
        this.verifier = Objects.requireNonNull(verifier, "verifier");
        this.executor = Objects.requireNonNull(executor, "executor");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.resultsReady = Objects.requireNonNull(resultsReady, "resultsReady");
        this.worker = new MessageWorker("commands-" + gateway);
    }

    @Override
    public List<String> subscriptions() {
        return List.of(topic);
    }

    @Override
    public void onMessage(String topic, byte[] payload) {
        if (!worker.offer(() -> handle(payload))) {
            // Closing: the cloud resends the command (it is still SENT there) on our next connect.
            LOG.info("gateway {}/{}: command received while stopping, left for the next connection", tenant, gateway);
        }
    }

    /** Handles one command message to the end: decoded, verified, recorded, executed, recorded. */
    public void handle(byte[] payload) {
        Command c;
        try {
            c = WireCodec.decodeCommand(payload);
        } catch (WireFormatException e) {
            LOG.warn("gateway {}/{}: malformed command refused, kept in the command dead letters: {}", tenant, gateway,
                    e.getMessage());
            log.deadLetter(payload, e.getMessage());
            return;
        }
        Verdict v = verifier.verify(c);
        switch (v.action()) {
            case IGNORE -> LOG.info("gateway {}/{}: command {} for device {} ignored: {}", tenant, gateway, c.id(),
                    c.device(), v.reason());
            case REFUSE -> {
                LOG.warn("gateway {}/{}: command {} for device {} ({} = {}) refused, {}: {}", tenant, gateway, c.id(),
                        c.device(), c.point(), c.value(), v.status(), v.reason());
                if (log.begin(c, new CommandResult(c.id(), v.status(), v.reason(), clock.instant()))) resultsReady.run();
            }
            case EXECUTE -> {
                if (!log.begin(c, new CommandResult(c.id(), CommandResult.Status.ACCEPTED, null, clock.instant()))) {
                    return;
                }
                resultsReady.run();
                log.finish(executor.execute(c));
                resultsReady.run();
            }
        }
    }

    @Override
    public void pump(UplinkTransport transport) {
    }

    @Override
    public void disconnected() {
    }

    /** Lets the command in progress finish (its result is durable either way), then stops. */
    @Override
    public void close() {
        worker.close();
    }
}
