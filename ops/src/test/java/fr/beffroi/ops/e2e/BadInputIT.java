package fr.beffroi.ops.e2e;

import fr.beffroi.edge.app.EdgeAgent;
import fr.beffroi.profiles.wire.BatchAck;
import fr.beffroi.profiles.wire.Quality;
import fr.beffroi.profiles.wire.Reading;
import fr.beffroi.profiles.wire.ReadingBatch;
import fr.beffroi.profiles.wire.Topics;
import fr.beffroi.profiles.wire.WireCodec;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttCallback;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.MqttDisconnectResponse;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.awaitility.Awaitility.await;

/**
 * Scenario (d), bad input: malformed payloads from an authenticated gateway and connections with
 * bad credentials are refused precisely (dead_letter row, negative PUBACK, refused CONNACK) while
 * the node goes on storing a real edge agent's traffic.
 *
 * <p>Paho 1.2.5: a PUBACK whose reason code is 0x80 or above completes the token normally, so
 * the code is read from {@code token.getReasonCodes()}; and {@code MqttClient.subscribe(topic,
 * qos, listener)} overflows the stack, so the probe is an {@link MqttAsyncClient} with a callback.
 */
@Timeout(value = 2, unit = TimeUnit.MINUTES)
class BadInputIT {
    /** The real edge agent, whose traffic must keep being stored. */
    private static final String FIELD = "gw-stade";
    /** A second, authenticated gateway, played by a bare Paho client that sends bad payloads. */
    private static final String PROBE = "gw-probe";
    private static final int PAYLOAD_FORMAT_INVALID = 0x99;
    private static final int BAD_USER_NAME_OR_PASSWORD = 0x86;
    private static final int SUCCESS = 0x00;
    private static final long WAIT_MS = 10_000;

    @TempDir
    static Path dir;
    private static Spine spine;
    private static EdgeAgent agent;

    @BeforeAll
    static void startSpineAndAgent() throws Exception {
        spine = Spine.start(dir, 2, FIELD, PROBE);
        agent = spine.agent(spine.gateway(FIELD, Duration.ofMillis(200), 100, Duration.ofSeconds(5)));
        agent.start();
        await("field agent's readings stored").atMost(Spine.PATIENCE).pollInterval(Duration.ofMillis(200))
                .until(() -> spine.stored(FIELD).rows() > 0);
    }

    @AfterAll
    static void stopAll() {
        if (agent != null) agent.close();
        if (spine != null) spine.close();
    }

    @Test
    void malformedPayloadsAreDeadLetteredAnsweredWithANegativePubackAndTheNodeKeepsServing() throws Exception {
        String topic = Topics.readings(Spine.TENANT, PROBE);
        BlockingQueue<BatchAck> acks = new LinkedBlockingQueue<>();
        MqttAsyncClient probe = client(PROBE);
        try {
            // GIVEN an authenticated gateway listening on its acks topic
            probe.setCallback(new AckCollector(acks));
            probe.connect(options(PROBE, spine.secret(PROBE))).waitForCompletion(WAIT_MS);
            probe.subscribe(Topics.acks(Spine.TENANT, PROBE), 1).waitForCompletion(WAIT_MS);
            long fieldSeqBefore = spine.stored(FIELD).maxSeq();

            // WHEN it publishes a payload that is not JSON
            byte[] notJson = "{\"tenant\": \"liancourt\", this is not JSON".getBytes(StandardCharsets.UTF_8);
            IMqttToken first = probe.publish(topic, notJson, 1, false);
            first.waitForCompletion(WAIT_MS);
            // AND a JSON batch breaking the contract: its reading's seq lies outside the batch's range
            Reading outside = new Reading(9, "pv-x", "W", Instant.now(), 1200.0, "W", Quality.GOOD);
            byte[] breaking = WireCodec.encode(new ReadingBatch(Spine.TENANT, PROBE, 5, 6, Instant.now(),
                    List.of(outside)));
            IMqttToken second = probe.publish(topic, breaking, 1, false);
            second.waitForCompletion(WAIT_MS);

            // THEN each PUBACK carries "payload format invalid" (0x99) ...
            assertThat(first.getReasonCodes()).as("PUBACK reason of the non-JSON payload")
                    .containsExactly(PAYLOAD_FORMAT_INVALID);
            assertThat(second.getReasonCodes()).as("PUBACK reason of the contract-breaking batch")
                    .containsExactly(PAYLOAD_FORMAT_INVALID);
            // ... the batch whose range is readable is also answered with a REJECTED BatchAck naming it
            BatchAck rejected = acks.poll(WAIT_MS, TimeUnit.MILLISECONDS);
            assertThat(rejected).as("BatchAck for the contract-breaking batch").isNotNull();
            assertThat(rejected.status()).isEqualTo(BatchAck.Status.REJECTED);
            assertThat(rejected.gateway()).isEqualTo(PROBE);
            assertThat(rejected.seqFrom()).isEqualTo(5);
            assertThat(rejected.seqTo()).isEqualTo(6);
            assertThat(rejected.reason()).contains("readings[0].seq");
            // ... both messages are kept, as received, in dead_letter with their reason
            List<Spine.DeadLetterRow> letters = spine.deadLetters(PROBE);
            assertThat(letters).hasSize(2);
            assertThat(letters).allSatisfy(d -> {
                assertThat(d.tenant()).isEqualTo(Spine.TENANT);
                assertThat(d.endpoint()).isEqualTo("mqtt");
                assertThat(d.topic()).isEqualTo(topic);
                assertThat(d.reason()).isNotBlank();
            });
            assertThat(letters.get(0).payload()).isEqualTo(notJson);
            assertThat(letters.get(1).payload()).isEqualTo(breaking);
            assertThat(letters.get(1).reason()).contains("readings[0].seq");
            // ... nothing of them reached the reading table
            assertThat(spine.stored(PROBE).rows()).isZero();

            // AND the node keeps serving: the connection stays up and takes a valid batch ...
            assertThat(probe.isConnected()).as("probe still connected").isTrue();
            Reading good = new Reading(1, "pv-x", "W", Instant.now(), 1200.0, "W", Quality.GOOD);
            IMqttToken third = probe.publish(topic, WireCodec.encode(new ReadingBatch(Spine.TENANT, PROBE, 1, 1,
                    Instant.now(), List.of(good))), 1, false);
            third.waitForCompletion(WAIT_MS);
            assertThat(third.getReasonCodes()).as("PUBACK reason of a valid batch").containsExactly(SUCCESS);
            assertThat(spine.stored(PROBE)).isEqualTo(Spine.Stored.exactly(1));
            // ... and the real agent's readings go on being stored
            await("field agent's readings stored after the bad input").atMost(Spine.PATIENCE)
                    .pollInterval(Duration.ofMillis(200))
                    .until(() -> spine.stored(FIELD).maxSeq() > fieldSeqBefore + 50);
            assertThat(agent.stats().rejected()).as("field readings refused").isZero();
        } finally {
            closeQuietly(probe);
        }
    }

    @Test
    void anUnknownGatewayAndAWrongSecretAreRefusedAtConnectAndTheNodeKeepsServing() throws Exception {
        long fieldSeqBefore = spine.stored(FIELD).maxSeq();

        // WHEN a gateway the node does not know tries to connect
        MqttException unknown = refusedConnect("gw-inconnu", "whatever-secret");
        // AND a known gateway with a wrong secret
        MqttException wrongSecret = refusedConnect(PROBE, spine.secret(PROBE) + "-not");

        // THEN both CONNACKs say "bad user name or password" (0x86)
        assertThat(unknown.getReasonCode()).as("CONNACK reason, unknown gateway").isEqualTo(BAD_USER_NAME_OR_PASSWORD);
        assertThat(wrongSecret.getReasonCode()).as("CONNACK reason, wrong secret").isEqualTo(BAD_USER_NAME_OR_PASSWORD);

        // AND the node still serves: the right secret connects ...
        MqttAsyncClient probe = client(PROBE);
        try {
            probe.connect(options(PROBE, spine.secret(PROBE))).waitForCompletion(WAIT_MS);
            assertThat(probe.isConnected()).isTrue();
        } finally {
            closeQuietly(probe);
        }
        // ... and the real agent's readings go on being stored
        await("field agent's readings stored after the refusals").atMost(Spine.PATIENCE)
                .pollInterval(Duration.ofMillis(200))
                .until(() -> spine.stored(FIELD).maxSeq() > fieldSeqBefore + 50);
        assertThat(agent.stats().connected()).as("field agent connected").isTrue();
    }

    private static MqttException refusedConnect(String user, String secret) throws MqttException {
        MqttAsyncClient client = client(user);
        try {
            MqttException refused = catchThrowableOfType(MqttException.class,
                    () -> client.connect(options(user, secret)).waitForCompletion(WAIT_MS));
            assertThat(refused).as("connect of " + user + " refused").isNotNull();
            assertThat(client.isConnected()).isFalse();
            return refused;
        } finally {
            closeQuietly(client);
        }
    }

    private static MqttAsyncClient client(String gateway) throws MqttException {
        return new MqttAsyncClient(spine.mqttUrl(), gateway + "-e2e-" + System.nanoTime(), new MemoryPersistence());
    }

    private static MqttConnectionOptions options(String user, String secret) {
        MqttConnectionOptions o = new MqttConnectionOptions();
        o.setUserName(user);
        o.setPassword(secret.getBytes(StandardCharsets.UTF_8));
        o.setCleanStart(true);
        o.setAutomaticReconnect(false);
        o.setConnectionTimeout(10);
        return o;
    }

    private static void closeQuietly(MqttAsyncClient client) {
        try {
            if (client.isConnected()) client.disconnect().waitForCompletion(WAIT_MS);
            client.close();
        } catch (MqttException e) {
            // The test's outcome is already decided; a client that will not close changes nothing.
        }
    }

    /** Collects the BatchAcks the node sends on the probe's acks topic. */
    private record AckCollector(BlockingQueue<BatchAck> acks) implements MqttCallback {
        @Override
        public void messageArrived(String topic, MqttMessage message) throws Exception {
            acks.add(WireCodec.decodeAck(message.getPayload()));
        }

        @Override
        public void disconnected(MqttDisconnectResponse response) {
        }

        @Override
        public void mqttErrorOccurred(MqttException exception) {
        }

        @Override
        public void deliveryComplete(IMqttToken token) {
        }

        @Override
        public void connectComplete(boolean reconnect, String serverURI) {
        }

        @Override
        public void authPacketArrived(int reasonCode, MqttProperties properties) {
        }
    }
}
