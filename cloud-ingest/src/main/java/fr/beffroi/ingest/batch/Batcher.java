package fr.beffroi.ingest.batch;

import fr.beffroi.ingest.metrics.IngestMetrics;
import fr.beffroi.profiles.wire.BatchAck;
import fr.beffroi.profiles.wire.ReadingBatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Groups batches from every endpoint into transactions, closed by size ({@code maxRows}) or by age
 * ({@code maxDelay} after the first batch of the group), on {@code writers} dedicated threads —
 * never on the event loop. A gateway always lands on the same writer, so its batches are written
 * in arrival order and the ledger check sees them in that order. Each batch's future completes
 * with its ack after commit, or fails.
 */
public final class Batcher implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Batcher.class);

    private final BatchWriter writer;
    private final IngestMetrics metrics;
    private final int maxRows;
    private final long maxDelayNanos;
    private final List<Lane> lanes = new ArrayList<>();
    private volatile boolean closed;

    public Batcher(BatchWriter writer, IngestMetrics metrics, int maxRows, Duration maxDelay, int writers) {
        this.writer = writer;
        this.metrics = metrics;
        this.maxRows = maxRows;
        this.maxDelayNanos = maxDelay.toNanos();
        for (int i = 0; i < writers; i++) {
            Lane lane = new Lane(i);
            lanes.add(lane);
            lane.thread.start();
        }
    }

    /** Queues a valid batch; the future completes after its transaction committed. */
    public CompletableFuture<BatchAck> submit(ReadingBatch batch) {
        Pending p = new Pending(batch, new CompletableFuture<>());
        if (closed) {
            p.result.completeExceptionally(new IllegalStateException("batcher closed"));
            return p.result;
        }
        lanes.get(laneOf(batch.tenant(), batch.gateway(), lanes.size())).queue.add(p);
        return p.result;
    }

    /** Which writer owns a gateway: stable for the node's life. */
    static int laneOf(String tenant, String gateway, int lanes) {
        return Math.floorMod((tenant + "/" + gateway).hashCode(), lanes);
    }

    @Override
    public void close() {
        closed = true;
        for (Lane lane : lanes) lane.thread.interrupt();
        for (Lane lane : lanes) {
            try {
                lane.thread.join(TimeUnit.SECONDS.toMillis(10));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            Pending p;
            while ((p = lane.queue.poll()) != null) {
                p.result.completeExceptionally(new IllegalStateException("batcher closed"));
            }
        }
    }

    private record Pending(ReadingBatch batch, CompletableFuture<BatchAck> result) {
        int rows() {
            return batch.readings().size();
        }
    }

    private final class Lane implements Runnable {
        final BlockingQueue<Pending> queue = new LinkedBlockingQueue<>();
        final Thread thread;
        private Pending carried;

        Lane(int index) {
            thread = new Thread(this, "ingest-writer-" + index);
            thread.setDaemon(true);
        }

        @Override
        public void run() {
            while (!closed) {
                List<Pending> group;
                try {
                    group = nextGroup();
                } catch (InterruptedException e) {
                    break;
                }
                write(group);
            }
            if (carried != null) carried.result.completeExceptionally(new IllegalStateException("batcher closed"));
        }

        private List<Pending> nextGroup() throws InterruptedException {
            Pending first = carried != null ? carried : queue.take();
            carried = null;
            List<Pending> group = new ArrayList<>();
            group.add(first);
            int rows = first.rows();
            long deadline = System.nanoTime() + maxDelayNanos;
            while (rows < maxRows) {
                Pending next = queue.poll();
                if (next == null) {
                    long left = deadline - System.nanoTime();
                    if (left <= 0) break;
                    next = queue.poll(left, TimeUnit.NANOSECONDS);
                    if (next == null) break;
                }
                if (rows + next.rows() > maxRows) {
                    carried = next;
                    break;
                }
                group.add(next);
                rows += next.rows();
            }
            return group;
        }

        private void write(List<Pending> group) {
            try {
                complete(group, attempt(group));
            } catch (Exception e) {
                if (group.size() > 1 && !isConnectionFailure(e)) {
                    // One bad batch must not hold back the others: retry each alone.
                    LOG.warn("transaction of {} batches failed ({}); retrying them one by one", group.size(),
                            e.toString());
                    for (Pending p : group) write(List.of(p));
                    return;
                }
                for (Pending p : group) {
                    LOG.warn("batch {}..{} of gateway {} (tenant {}) not stored: {}", p.batch.seqFrom(),
                            p.batch.seqTo(), p.batch.gateway(), p.batch.tenant(), e.toString());
                    p.result.completeExceptionally(e);
                }
            }
        }

        private List<BatchAck> attempt(List<Pending> group) throws Exception {
            List<ReadingBatch> batches = new ArrayList<>(group.size());
            int rows = 0;
            for (Pending p : group) {
                batches.add(p.batch);
                rows += p.rows();
            }
            long start = System.nanoTime();
            List<BatchAck> acks = writer.write(batches);
            metrics.transaction(rows, System.nanoTime() - start);
            if (acks.size() != batches.size()) {
                throw new IllegalStateException("writer returned " + acks.size() + " acks for " + batches.size());
            }
            return acks;
        }

        private void complete(List<Pending> group, List<BatchAck> acks) {
            for (int i = 0; i < group.size(); i++) group.get(i).result.complete(acks.get(i));
        }
    }

    /** The database is unreachable: retrying batch by batch would only wait out every timeout again. */
    static boolean isConnectionFailure(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLTransientConnectionException) return true;
            // 08: connection exception; 57P: the server is shutting down or restarting.
            if (t instanceof SQLException s && s.getSQLState() != null
                    && (s.getSQLState().startsWith("08") || s.getSQLState().startsWith("57P"))) {
                return true;
            }
        }
        return false;
    }
}
