package fr.beffroi.edge.testing;

import fr.beffroi.profiles.wire.BatchAck;
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
import org.eclipse.paho.mqttv5.common.MqttSubscription;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Stands in for cloud-ingest: a second Paho client that receives the gateway's batches and, while
 * {@link #acking} is on, answers each with a COMMITTED BatchAck. Acks are published from its own
 * thread, never from Paho's callback. (Trap: Paho 1.2.5's {@code MqttClient.subscribe(topic, qos,
 * listener)} recurses into a StackOverflowError; this uses the async client and a callback.)
 */
public final class CloudResponder implements AutoCloseable {
    public final List<ReadingBatch> received = new CopyOnWriteArrayList<>();
    public volatile boolean acking = true;
    private final MqttAsyncClient client;
    private final ExecutorService acker = Executors.newSingleThreadExecutor();

    public CloudResponder(String url, String tenant, String gateway) throws MqttException {
        client = new MqttAsyncClient(url, "cloud-responder-" + gateway, new MemoryPersistence());
        client.setCallback(new MqttCallback() {
            @Override
            public void messageArrived(String topic, MqttMessage message) throws Exception {
                ReadingBatch batch = WireCodec.decodeBatch(message.getPayload());
                received.add(batch);
                if (!acking) return;
                byte[] ack = WireCodec.encode(BatchAck.committed(batch.gateway(), batch.seqFrom(), batch.seqTo(),
                        batch.readings().size(), 0));
                acker.execute(() -> {
                    try {
                        MqttMessage m = new MqttMessage(ack);
                        m.setQos(1);
                        client.publish(Topics.acks(tenant, gateway), m);
                    } catch (MqttException e) {
                        throw new IllegalStateException(e);
                    }
                });
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
        });
        MqttConnectionOptions options = new MqttConnectionOptions();
        options.setCleanStart(true);
        client.connect(options).waitForCompletion(5_000);
        client.subscribe(new MqttSubscription(Topics.readings(tenant, gateway), 1)).waitForCompletion(5_000);
    }

    /** How many batches starting at {@code seqFrom} arrived. */
    public long deliveriesFrom(long seqFrom) {
        return received.stream().filter(b -> b.seqFrom() == seqFrom).count();
    }

    @Override
    public void close() throws MqttException {
        acker.shutdownNow();
        if (client.isConnected()) client.disconnect().waitForCompletion(2_000);
        client.close(true);
    }
}
