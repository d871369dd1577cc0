package fr.beffroi.ingest.it;

import fr.beffroi.profiles.wire.BatchAck;
import fr.beffroi.profiles.wire.Command;
import fr.beffroi.profiles.wire.CommandResult;
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

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** A gateway as the tests drive it: a Paho MQTT 5 client on 127.0.0.1 that collects its BatchAcks and commands. */
final class TestGateway implements AutoCloseable {
    static final long WAIT_MS = 30_000;
    static final Instant TS = Instant.parse("2026-11-25T10:00:00Z");

    final String tenant;
    final String id;
    final MqttAsyncClient client;
    final BlockingQueue<BatchAck> acks = new LinkedBlockingQueue<>();
    final BlockingQueue<Command> commands = new LinkedBlockingQueue<>();
    final BlockingQueue<fr.beffroi.profiles.wire.AllowList> allowLists = new LinkedBlockingQueue<>();

    private TestGateway(String tenant, String id, MqttAsyncClient client) {
        this.tenant = tenant;
        this.id = id;
        this.client = client;
    }

    /** Connects and subscribes to its acks topic; throws the CONNACK refusal as MqttException. */
    static TestGateway connect(int port, String tenant, String id, String secret) throws MqttException {
        MqttAsyncClient client = new MqttAsyncClient("tcp://127.0.0.1:" + port, id + "-" + System.nanoTime(),
                new MemoryPersistence());
        TestGateway gw = new TestGateway(tenant, id, client);
        client.setCallback(new MqttCallback() {
            @Override
            public void disconnected(MqttDisconnectResponse response) {
            }

            @Override
            public void mqttErrorOccurred(MqttException exception) {
            }

            @Override
            public void messageArrived(String topic, MqttMessage message) throws Exception {
                if (topic.equals(Topics.commands(gw.tenant, gw.id))) {
                    gw.commands.add(WireCodec.decodeCommand(message.getPayload()));
                } else if (topic.equals(Topics.allowList(gw.tenant, gw.id))) {
                    gw.allowLists.add(WireCodec.decodeAllowList(message.getPayload()));
                } else {
                    gw.acks.add(WireCodec.decodeAck(message.getPayload()));
                }
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
        });
        MqttConnectionOptions options = new MqttConnectionOptions();
        options.setUserName(id);
        options.setPassword(secret.getBytes(StandardCharsets.UTF_8));
        options.setCleanStart(true);
        options.setAutomaticReconnect(false);
        options.setConnectionTimeout(10);
        client.connect(options).waitForCompletion(WAIT_MS);
        client.subscribe(Topics.acks(tenant, id), 1).waitForCompletion(WAIT_MS);
        return gw;
    }

    static ReadingBatch batch(String tenant, String gateway, long from, long to) {
        List<Reading> readings = new ArrayList<>();
        for (long s = from; s <= to; s++) {
            readings.add(new Reading(s, "pv-1", "W", TS.plusSeconds(s), 1000.0 + s, "W", Quality.GOOD));
        }
        return new ReadingBatch(tenant, gateway, from, to, TS, readings);
    }

    ReadingBatch batch(long from, long to) {
        return batch(tenant, id, from, to);
    }

    /** Publishes at QoS 1 on its readings topic and returns the PUBACK reason code (0 = success). */
    int publish(ReadingBatch batch) throws MqttException {
        return publish(Topics.readings(tenant, id), WireCodec.encode(batch));
    }

    int publish(String topic, byte[] payload) throws MqttException {
        MqttMessage message = new MqttMessage(payload);
        message.setQos(1);
        IMqttToken token = client.publish(topic, message);
        try {
            token.waitForCompletion(WAIT_MS);
        } catch (MqttException e) {
            if (e.getReasonCode() >= 0x80) return e.getReasonCode();
            throw e;
        }
        int[] codes = token.getReasonCodes();
        return codes == null || codes.length == 0 ? 0 : codes[0];
    }

    /** Subscribes to a topic filter at QoS 1; returns the SUBACK reason code (0x80 and above: refused). */
    int subscribe(String filter) throws MqttException {
        IMqttToken token = client.subscribe(filter, 1);
        try {
            token.waitForCompletion(WAIT_MS);
        } catch (MqttException e) {
            if (e.getReasonCode() >= 0x80) return e.getReasonCode();
            throw e;
        }
        int[] codes = token.getReasonCodes();
        return codes == null || codes.length == 0 ? 0 : codes[0];
    }

    int subscribeCommands() throws MqttException {
        return subscribe(Topics.commands(tenant, id));
    }

    /** Publishes a CommandResult on its command-results topic; returns the PUBACK reason code. */
    int report(CommandResult result) throws MqttException {
        return publish(Topics.commandResults(tenant, id), WireCodec.encode(result));
    }

    /** The next command pushed down, or null if none arrives in time. */
    Command nextCommand(long millis) throws InterruptedException {
        return commands.poll(millis, TimeUnit.MILLISECONDS);
    }

    /** The next AllowList pushed down, or null if none arrives in time. */
    fr.beffroi.profiles.wire.AllowList nextAllowList(long millis) throws InterruptedException {
        return allowLists.poll(millis, TimeUnit.MILLISECONDS);
    }

    /** The next BatchAck, or null if none arrives in time. */
    BatchAck nextAck(long millis) throws InterruptedException {
        return acks.poll(millis, TimeUnit.MILLISECONDS);
    }

    @Override
    public void close() throws MqttException {
        if (client.isConnected()) client.disconnect().waitForCompletion(WAIT_MS);
        client.close();
    }
}
