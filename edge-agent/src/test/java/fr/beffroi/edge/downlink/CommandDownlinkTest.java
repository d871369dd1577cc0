package fr.beffroi.edge.downlink;

import fr.beffroi.edge.actuator.Actuator;
import fr.beffroi.edge.actuator.CommandExecutor;
import fr.beffroi.edge.buffer.CommandLog;
import fr.beffroi.edge.driver.DeviceException;
import fr.beffroi.edge.testing.MutableClock;
import fr.beffroi.edge.uplink.PublishException;
import fr.beffroi.edge.uplink.UplinkTransport;
import fr.beffroi.profiles.wire.Command;
import fr.beffroi.profiles.wire.CommandResult;
import fr.beffroi.profiles.wire.Topics;
import fr.beffroi.profiles.wire.WireCodec;
import fr.beffroi.profiles.wire.WireFormatException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A command's way through the gateway on fakes: decode, verify, record, write, record, and the
 * outbox that sends results until the broker acknowledges them, across a restart of the log.
 */
class CommandDownlinkTest {
    @TempDir
    Path dir;

    private final MutableClock clock = MutableClock.at("2027-01-12T07:00:00Z");
    private final List<String> writes = new ArrayList<>();
    private final Actuator bms = (point, value) -> {
        if (point.endsWith("roomTemp")) throw new DeviceException(DeviceException.Kind.CONFIGURATION, "not writable");
        writes.add(point + "=" + value);
    };
    private CommandLog log;
    private CommandDownlink downlink;

    @BeforeEach
    void open() {
        log = CommandLog.open(dir.resolve("commands.db"), clock);
        downlink = downlink(log);
    }

    @AfterEach
    void close() {
        downlink.close();
        log.close();
    }

    private CommandDownlink downlink(CommandLog l) {
        return new CommandDownlink("liancourt", "gw-1", l,
                new CommandVerifier("liancourt", Set.of("bms-ecole", "pv-1"), l::status, clock),
                new CommandExecutor(Map.of("bms-ecole", bms), clock), clock, () -> { });
    }

    private byte[] command(String id, String device, String point, double value) {
        return WireCodec.encode(new Command(id, "liancourt", device, point, value, "user:alice", clock.instant(),
                clock.instant().plus(Duration.ofMinutes(5))));
    }

    private List<String> outbox() {
        return log.outbox(100).stream().map(o -> o.result().commandId() + ":" + o.result().status()).toList();
    }

    @Test
    void aCommandIsAcceptedWrittenAndExecutedOnce() {
        downlink.handle(command("c1", "bms-ecole", "zone2.setpoint", 21));
        downlink.handle(command("c1", "bms-ecole", "zone2.setpoint", 21));

        assertThat(writes).containsExactly("zone2.setpoint=21.0");
        assertThat(outbox()).containsExactly("c1:ACCEPTED", "c1:EXECUTED");
        assertThat(log.status("c1")).contains(CommandResult.Status.EXECUTED);
    }

    @Test
    void theIdStaysKnownAcrossARestart() {
        downlink.handle(command("c2", "bms-ecole", "zone2.setpoint", 21));
        downlink.close();
        log.close();

        log = CommandLog.open(dir.resolve("commands.db"), clock);
        downlink = downlink(log);
        downlink.handle(command("c2", "bms-ecole", "zone2.setpoint", 21));

        assertThat(writes).hasSize(1);
    }

    @Test
    void aWriteTheDeviceRefusesFailsWithItsReason() {
        downlink.handle(command("c3", "bms-ecole", "zone1.roomTemp", 20));

        List<CommandLog.Outgoing> out = log.outbox(100);
        assertThat(out).extracting(o -> o.result().status())
                .containsExactly(CommandResult.Status.ACCEPTED, CommandResult.Status.FAILED);
        assertThat(out.get(1).result().reason()).isEqualTo("CONFIGURATION: not writable");
    }

    @Test
    void aDeviceThatCannotActFails() {
        downlink.handle(command("c4", "pv-1", "W", 0));

        assertThat(log.outbox(100).get(1).result().reason()).isEqualTo("device pv-1 cannot act: its driver writes no point");
        assertThat(writes).isEmpty();
    }

    @Test
    void anExpiredCommandIsReportedAndNeverWritten() {
        byte[] c = command("c5", "bms-ecole", "zone2.setpoint", 21);
        clock.advance(Duration.ofMinutes(6));

        downlink.handle(c);

        assertThat(writes).isEmpty();
        assertThat(outbox()).containsExactly("c5:EXPIRED");
    }

    @Test
    void aMalformedCommandIsDeadLetteredNeverExecuted() {
        downlink.handle("{\"id\":\"c6\",\"device\":\"bms-ecole\"}".getBytes(StandardCharsets.UTF_8));
        downlink.handle("not json".getBytes(StandardCharsets.UTF_8));

        assertThat(log.deadLetterSize()).isEqualTo(2);
        assertThat(writes).isEmpty();
        assertThat(outbox()).isEmpty();
    }

    @Test
    void aCommandInterruptedByACrashIsClosedAsFailedNotRetried() {
        // GIVEN a command accepted, then the process died before its write was recorded
        Command c = new Command("c7", "liancourt", "bms-ecole", "zone2.setpoint", 21, "user:alice", clock.instant(),
                clock.instant().plus(Duration.ofMinutes(5)));
        log.begin(c, new CommandResult("c7", CommandResult.Status.ACCEPTED, null, clock.instant()));
        log.close();

        // WHEN the log opens again
        log = CommandLog.open(dir.resolve("commands.db"), clock);

        // THEN it is FAILED, reported, and a resend of it is not executed
        assertThat(log.status("c7")).contains(CommandResult.Status.FAILED);
        assertThat(outbox()).containsExactly("c7:ACCEPTED", "c7:FAILED");
        downlink = downlink(log);
        downlink.handle(WireCodec.encode(c));
        assertThat(writes).isEmpty();
    }

    @Test
    void resultsLeaveTheOutboxOnlyOnceTheBrokerAcknowledgedThem() throws WireFormatException {
        downlink.handle(command("c8", "bms-ecole", "zone2.setpoint", 21));
        RecordingTransport link = new RecordingTransport();
        ResultOutbox outbox = new ResultOutbox("liancourt", "gw-1", log, Duration.ofSeconds(30));

        // the link is down: the first attempt fails, nothing leaves the outbox
        link.fail = true;
        outbox.pump(link);
        assertThat(log.outboxSize()).isEqualTo(2);

        // it comes back: the broker acknowledges both, in order
        link.fail = false;
        link.published.clear();
        outbox.disconnected();
        outbox.pump(link);
        assertThat(link.published).hasSize(2);
        assertThat(link.topics).allMatch(t -> t.equals(Topics.commandResults("liancourt", "gw-1")));
        assertThat(WireCodec.decodeCommandResult(link.published.get(1)).status()).isEqualTo(CommandResult.Status.EXECUTED);
        assertThat(log.outboxSize()).isZero();
    }

    /** Acknowledges every publish at once, or fails it as a broken link would. */
    private static final class RecordingTransport implements UplinkTransport {
        final List<byte[]> published = new ArrayList<>();
        final List<String> topics = new ArrayList<>();
        boolean fail;

        @Override
        public void connect(List<String> subscriptions, Listener listener, Duration timeout) {
        }

        @Override
        public CompletableFuture<Void> publish(String topic, byte[] payload) {
            if (fail) return CompletableFuture.failedFuture(new PublishException(PublishException.NO_CODE, "down", null));
            published.add(payload);
            topics.add(topic);
            return CompletableFuture.completedFuture(null);
        }

        @Override
        public boolean isConnected() {
            return !fail;
        }

        @Override
        public void close() {
        }
    }
}
