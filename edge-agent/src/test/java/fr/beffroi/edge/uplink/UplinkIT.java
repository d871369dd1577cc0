package fr.beffroi.edge.uplink;

import fr.beffroi.edge.buffer.ReadingBuffer;
import fr.beffroi.edge.buffer.WhenFull;
import fr.beffroi.edge.testing.CloudResponder;
import fr.beffroi.edge.testing.Mosquitto;
import fr.beffroi.edge.testing.Readings;
import fr.beffroi.profiles.wire.Reading;
import fr.beffroi.profiles.wire.ReadingBatch;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The uplink against a real MQTT v5 broker (Debian's mosquitto on 127.0.0.1) and a responder
 * playing the cloud: readings leave the buffer only once acknowledged, and are sent again when
 * acks do not come or the broker goes away.
 */
class UplinkIT {
    static final String TENANT = "liancourt";
    static final String GATEWAY = "gw-it";
    static final Duration WAIT = Duration.ofSeconds(30);

    @TempDir
    Path dir;
    Mosquitto broker;
    ReadingBuffer buffer;
    Uplink uplink;
    CloudResponder cloud;

    @BeforeEach
    void startBroker() throws Exception {
        Mosquitto.assumeInstalled();
        broker = Mosquitto.start(dir);
        buffer = ReadingBuffer.open(dir.resolve("buffer.db"), 100_000, WhenFull.REFUSE_NEW, Clock.systemUTC(),
                new PrometheusRegistry());
    }

    @AfterEach
    void stop() throws Exception {
        if (uplink != null) uplink.close();
        if (cloud != null) cloud.close();
        if (buffer != null) buffer.close();
        if (broker != null) broker.close();
    }

    void startUplink(Duration ackTimeout) {
        Backoff backoff = new Backoff(Duration.ofMillis(100), Duration.ofSeconds(1), Math::random);
        PahoTransport transport = new PahoTransport(broker.url(), GATEWAY, GATEWAY, null, Duration.ofHours(1));
        SendLoop loop = new SendLoop(TENANT, GATEWAY, buffer, transport, new SendSettings(10, 2, ackTimeout, backoff),
                Clock.systemUTC(), new PrometheusRegistry());
        uplink = new Uplink(TENANT, GATEWAY, transport, loop, backoff, Duration.ofSeconds(5), Duration.ofMillis(50));
        uplink.start();
    }

    @Test
    void readingsAreDeletedOnlyAfterTheCloudCommittedThem() throws Exception {
        cloud = new CloudResponder(broker.url(), TENANT, GATEWAY);
        buffer.append(Readings.of("inv1", 45, Instant.now()));

        startUplink(Duration.ofSeconds(30));

        await().atMost(WAIT).until(() -> buffer.size() == 0);
        assertThat(buffer.confirmedTotal()).isEqualTo(45);
        TreeSet<Long> seqs = new TreeSet<>();
        for (ReadingBatch b : cloud.received) {
            assertThat(b.problems()).isEmpty();
            assertThat(b.readings()).hasSizeLessThanOrEqualTo(10);
            b.readings().forEach(r -> seqs.add(r.seq()));
        }
        assertThat(seqs).hasSize(45).first().isEqualTo(1L);
        assertThat(uplink.isConnected()).isTrue();
    }

    @Test
    void withheldAcksKeepTheReadingsAndTriggerAResendFromTheLowestSeq() throws Exception {
        cloud = new CloudResponder(broker.url(), TENANT, GATEWAY);
        cloud.acking = false;
        buffer.append(Readings.of("inv1", 15, Instant.now()));

        startUplink(Duration.ofSeconds(1));

        await().atMost(WAIT).until(() -> cloud.deliveriesFrom(1) >= 2);
        assertThat(buffer.size()).as("nothing deleted without an ack").isEqualTo(15);
        assertThat(buffer.confirmedTotal()).isZero();

        cloud.acking = true;
        await().atMost(WAIT).until(() -> buffer.size() == 0);
        assertThat(buffer.confirmedTotal()).isEqualTo(15);
    }

    @Test
    void reconnectsAfterTheBrokerDiedAndResendsWhatWasNotConfirmed() throws Exception {
        // A short ack timeout: the uplink may reconnect and resend before the test's responder has
        // subscribed again, and then only the timeout's resend reaches it.
        startUplink(Duration.ofSeconds(3));
        buffer.append(Readings.of("inv1", 5, Instant.now()));
        await().atMost(WAIT).until(() -> uplink.isConnected());

        broker.kill();
        await().atMost(WAIT).until(() -> !uplink.isConnected());
        buffer.append(Readings.of("inv1", 5, Instant.now()));
        broker.startProcess();
        cloud = new CloudResponder(broker.url(), TENANT, GATEWAY);

        await().atMost(WAIT).until(() -> buffer.size() == 0);
        assertThat(cloud.received).flatExtracting(ReadingBatch::readings).extracting(Reading::seq)
                .contains(1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L, 10L);
        assertThat(uplink.isConnected()).isTrue();
    }
}
