package fr.beffroi.ops.bench;

import fr.beffroi.edge.uplink.PahoTransport;
import fr.beffroi.edge.uplink.PublishException;
import fr.beffroi.edge.uplink.UplinkTransport;
import fr.beffroi.profiles.wire.BatchAck;
import fr.beffroi.profiles.wire.Topics;
import fr.beffroi.profiles.wire.WireCodec;
import fr.beffroi.profiles.wire.WireFormatException;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * A gateway that sends batches encoded before the clock starts, over the agent's own MQTT transport,
 * with the agent's window of unacknowledged batches, and is done when the ingest acknowledged the last
 * one as committed. It measures the ingest (MQTT in → decode → COPY → commit → ack) without the
 * gateway's SQLite buffer and JSON encoding on the same cores: in production those run on the
 * gateways, not on the ingest's machine. Any refusal or rejection fails the phase: a benchmark that
 * counted dead-lettered batches as throughput would lie.
 */
final class PrecodedGateway implements AutoCloseable {
    private final String tenant;
    private final String gateway;
    private final List<byte[]> batches;
    private final int window;
    private final UplinkTransport transport;
    private final CompletableFuture<Void> done = new CompletableFuture<>();
    /** Next batch to publish, and how many are acknowledged: guarded by this. */
    private int next;
    private int acked;

    PrecodedGateway(String tenant, String gateway, String secret, int mqttPort, List<byte[]> batches, int window) {
        this.tenant = tenant;
        this.gateway = gateway;
        this.batches = List.copyOf(batches);
        this.window = window;
        this.transport = new PahoTransport("tcp://127.0.0.1:" + mqttPort, gateway + "-bench", gateway,
                secret.getBytes(StandardCharsets.UTF_8), Duration.ZERO);
    }

    void connect() throws PublishException {
        transport.connect(List.of(Topics.acks(tenant, gateway)), new UplinkTransport.Listener() {
            @Override
            public void onMessage(String topic, byte[] payload) {
                onAck(payload);
            }

            @Override
            public void onConnectionLost(String reason) {
                done.completeExceptionally(new IllegalStateException(gateway + ": connection lost: " + reason));
            }
        }, Duration.ofSeconds(10));
    }

    /** Starts publishing; the future completes when every batch is acknowledged as committed. */
    CompletableFuture<Void> run() {
        synchronized (this) {
            if (batches.isEmpty()) done.complete(null);
            while (next < batches.size() && next - acked < window) publish(next++);
        }
        return done;
    }

    private void onAck(byte[] payload) {
        BatchAck ack;
        try {
            ack = WireCodec.decodeAck(payload);
        } catch (WireFormatException e) {
            done.completeExceptionally(new IllegalStateException(gateway + ": unreadable ack: " + e.getMessage()));
            return;
        }
        if (ack.status() != BatchAck.Status.COMMITTED) {
            done.completeExceptionally(new IllegalStateException(gateway + ": batch " + ack.seqFrom() + "-"
                    + ack.seqTo() + " rejected: " + ack.reason()));
            return;
        }
        synchronized (this) {
            acked++;
            while (next < batches.size() && next - acked < window) publish(next++);
            if (acked == batches.size()) done.complete(null);
        }
    }

    private void publish(int index) {
        transport.publish(Topics.readings(tenant, gateway), batches.get(index)).whenComplete((ok, failure) -> {
            if (failure != null) {
                done.completeExceptionally(new IllegalStateException(gateway + ": publish failed", failure));
            }
        });
    }

    @Override
    public void close() {
        transport.close();
    }
}
