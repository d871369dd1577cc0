package fr.beffroi.edge.uplink;

import fr.beffroi.edge.buffer.ReadingBuffer;
import fr.beffroi.edge.buffer.WhenFull;
import fr.beffroi.edge.testing.Metrics;
import fr.beffroi.edge.testing.Mosquitto;
import fr.beffroi.edge.testing.Readings;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * Username/password authentication and a broker that refuses our publishes: mosquitto with a
 * password file and an ACL that lets the gateway read its acks but not write its readings, so
 * every PUBACK carries reason code 0x87 (not authorized).
 */
class UplinkAuthIT {
    static final String TENANT = "liancourt";
    static final String GATEWAY = "gw-auth";
    static final String PASSWORD = "correct horse";

    @TempDir
    Path dir;
    Mosquitto broker;
    ReadingBuffer buffer;
    Uplink uplink;

    @BeforeEach
    void start() throws Exception {
        Mosquitto.assumeInstalled();
        broker = Mosquitto.startWithAuth(dir, GATEWAY, PASSWORD, """
                user %s
                topic read beffroi/v1/%s/%s/down/acks
                """.formatted(GATEWAY, TENANT, GATEWAY));
        buffer = ReadingBuffer.open(dir.resolve("buffer.db"), 1_000, WhenFull.REFUSE_NEW, Clock.systemUTC(),
                new PrometheusRegistry());
    }

    @AfterEach
    void stop() throws Exception {
        if (uplink != null) uplink.close();
        if (buffer != null) buffer.close();
        if (broker != null) broker.close();
    }

    @Test
    void aWrongPasswordIsRefusedWithTheBrokersReasonCode() {
        PahoTransport transport = new PahoTransport(broker.url(), GATEWAY, GATEWAY,
                "wrong".getBytes(StandardCharsets.UTF_8), Duration.ofHours(1));

        assertThatThrownBy(() -> transport.connect(List.of(), new NoListener(), Duration.ofSeconds(5)))
                .isInstanceOfSatisfying(PublishException.class,
                        e -> assertThat(e.reasonCode()).as("0x86 bad user name or password, or 0x87 not authorized")
                                .isIn(0x86, 0x87));
        transport.close();
    }

    @Test
    void aNegativePubackIsReportedWithItsCodeAndTheBatchKeptAndRetried() {
        PahoTransport paho = new PahoTransport(broker.url(), GATEWAY, GATEWAY, PASSWORD.getBytes(StandardCharsets.UTF_8),
                Duration.ofHours(1));
        List<Integer> refusals = new CopyOnWriteArrayList<>();
        UplinkTransport recording = new UplinkTransport() {
            @Override
            public void connect(List<String> subscriptions, Listener listener, Duration timeout) throws PublishException {
                paho.connect(subscriptions, listener, timeout);
            }

            @Override
            public CompletableFuture<Void> publish(String topic, byte[] payload) {
                return paho.publish(topic, payload).whenComplete((ok, failure) -> {
                    Throwable cause = failure instanceof CompletionException ? failure.getCause() : failure;
                    if (cause instanceof PublishException p) refusals.add(p.reasonCode());
                });
            }

            @Override
            public boolean isConnected() {
                return paho.isConnected();
            }

            @Override
            public void close() {
                paho.close();
            }
        };
        PrometheusRegistry registry = new PrometheusRegistry();
        Backoff backoff = new Backoff(Duration.ofMillis(50), Duration.ofMillis(200), Math::random);
        SendLoop loop = new SendLoop(TENANT, GATEWAY, buffer, recording, new SendSettings(10, 1, Duration.ofSeconds(30), backoff),
                Clock.systemUTC(), registry);
        uplink = new Uplink(TENANT, GATEWAY, recording, loop, backoff, Duration.ofSeconds(5), Duration.ofMillis(20));
        buffer.append(Readings.of("inv1", 5, Instant.now()));

        uplink.start();

        await().atMost(Duration.ofSeconds(30)).until(() -> refusals.size() >= 2);
        assertThat(refusals).allMatch(code -> code == 0x87);
        assertThat(Metrics.value(registry, "beffroi_edge_uplink_rewinds", "cause", "publish_failed")).isGreaterThanOrEqualTo(2);
        assertThat(buffer.size()).isEqualTo(5);
        assertThat(uplink.isConnected()).as("a refused publish is not a lost connection").isTrue();
    }

    private static final class NoListener implements UplinkTransport.Listener {
        @Override
        public void onMessage(String topic, byte[] payload) {
        }

        @Override
        public void onConnectionLost(String reason) {
        }
    }
}
