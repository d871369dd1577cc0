package fr.beffroi.edge.downlink;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * The one thread a downlink rider handles its messages on, in arrival order: MQTT's callback thread
 * must not block on a device write or a store. Closing lets the message in hand finish (up to 10 s).
 */
final class MessageWorker implements AutoCloseable {
    private final ExecutorService worker;

    MessageWorker(String threadName) {
        this.worker = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, threadName);
            t.setDaemon(true);
            return t;
        });
    }

    /** Queues {@code handling}; false when the worker is closing (the message is then not handled here). */
    boolean offer(Runnable handling) {
        try {
            worker.execute(handling);
            return true;
        } catch (RejectedExecutionException e) {
            return false;
        }
    }

    @Override
    public void close() {
        worker.shutdown();
        try {
            if (!worker.awaitTermination(10, TimeUnit.SECONDS)) worker.shutdownNow();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
