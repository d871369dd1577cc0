package fr.beffroi.ingest.booking;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The asynchronous face of the {@link BookingStore} the HTTP API calls: each call runs on a worker
 * thread; once a change is committed, every {@link BookingListener} is told.
 */
public final class BookingService {
    private static final Logger LOG = LoggerFactory.getLogger(BookingService.class);

    private final Vertx vertx;
    private final BookingStore store;
    private final List<BookingListener> listeners = new CopyOnWriteArrayList<>();

    public BookingService(Vertx vertx, BookingStore store) {
        this.vertx = vertx;
        this.store = store;
    }

    /** Registered once at wiring, before the HTTP API opens. */
    public void listen(BookingListener listener) {
        listeners.add(listener);
    }

    public Future<BookingRecord> create(String tenant, String room, Instant start, Instant end, String badge,
                                        String createdBy) {
        return vertx.executeBlocking(() -> store.create(tenant, room, start, end, badge, createdBy), false)
                .onSuccess(b -> {
                    LOG.info("booking {} of tenant {}: room {} {}..{} by {}", b.id(), tenant, room, start, end, createdBy);
                    listeners.forEach(l -> tell(l, b, false));
                });
    }

    public Future<Optional<BookingRecord>> reschedule(String tenant, String id, Instant start, Instant end, String by) {
        return vertx.executeBlocking(() -> store.reschedule(tenant, id, start, end), false).onSuccess(b -> b.ifPresent(r -> {
            LOG.info("booking {} of tenant {}: room {} moved to {}..{} by {}", id, tenant, r.room(), start, end, by);
            listeners.forEach(l -> tell(l, r, false));
        }));
    }

    public Future<Optional<BookingRecord>> cancel(String tenant, String id, String by) {
        return vertx.executeBlocking(() -> store.cancel(tenant, id), false).onSuccess(b -> b.ifPresent(r -> {
            LOG.info("booking {} of tenant {}: room {} cancelled by {}", id, tenant, r.room(), by);
            listeners.forEach(l -> tell(l, r, true));
        }));
    }

    public Future<Optional<BookingRecord>> find(String tenant, String id) {
        return vertx.executeBlocking(() -> store.find(tenant, id), false);
    }

    public Future<List<BookingRecord>> list(String tenant, String room, Instant from, Instant to) {
        return vertx.executeBlocking(() -> store.list(tenant, room, from, to), false);
    }

    private static void tell(BookingListener l, BookingRecord b, boolean cancelled) {
        try {
            if (cancelled) {
                l.cancelled(b);
            } else {
                l.booked(b);
            }
        } catch (RuntimeException e) {
            LOG.warn("booking {} of tenant {}: listener {} failed: {}", b.id(), b.tenant(), l, e.toString());
        }
    }
}
