package fr.beffroi.edge.uplink;

import fr.beffroi.profiles.wire.ReadingBatch;
import fr.beffroi.profiles.wire.WireCodec;
import fr.beffroi.profiles.wire.WireFormatException;

import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/** Records every publish; the test decides when (and whether) the broker's PUBACK comes. */
final class FakeTransport implements UplinkTransport {
    record Published(String topic, ReadingBatch batch, CompletableFuture<Void> puback) {
    }

    final List<Published> published = new ArrayList<>();
    boolean connected;
    boolean autoPuback = true;

    @Override
    public void connect(List<String> subscriptions, Listener listener, Duration timeout) {
        connected = true;
    }

    @Override
    public CompletableFuture<Void> publish(String topic, byte[] payload) {
        CompletableFuture<Void> puback = new CompletableFuture<>();
        try {
            published.add(new Published(topic, WireCodec.decodeBatch(payload), puback));
        } catch (WireFormatException e) {
            throw new UncheckedIOException(new java.io.IOException("the loop sent an invalid batch", e));
        }
        if (autoPuback) puback.complete(null);
        return puback;
    }

    @Override
    public boolean isConnected() {
        return connected;
    }

    @Override
    public void close() {
        connected = false;
    }

    List<String> ranges() {
        return published.stream().map(p -> "[" + p.batch().seqFrom() + "," + p.batch().seqTo() + "]").toList();
    }

    void clear() {
        published.clear();
    }
}
