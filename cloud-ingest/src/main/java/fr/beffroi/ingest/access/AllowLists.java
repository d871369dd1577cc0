package fr.beffroi.ingest.access;

import fr.beffroi.ingest.auth.Gateway;
import fr.beffroi.ingest.booking.BookingListener;
import fr.beffroi.ingest.booking.BookingRecord;
import fr.beffroi.ingest.booking.BookingStore;
import fr.beffroi.profiles.wire.AllowList;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The allow-lists of the gateways that hold doors. The MQTT endpoint asks {@link #forGateway} when a
 * gateway subscribes to its {@code down/allowlist} topic and when {@link #CHANGED_ADDRESS} announces
 * a new list for it ({@code {tenant, gateway}}): after every booking change of a room whose doors
 * it holds, and every {@code republishPeriod} for every gateway holding doors (the validity slides).
 * A door's gateway is the one that last sent a reading of it ({@code device_location}): a door
 * never heard of gets no list.
 */
public final class AllowLists implements BookingListener {
    private static final Logger LOG = LoggerFactory.getLogger(AllowLists.class);
    /** Event-bus address of "a gateway's allow-list changed": body {@code {tenant, gateway}}. */
    public static final String CHANGED_ADDRESS = "beffroi.allowlist.changed";

    private final Vertx vertx;
    private final DataSource dataSource;
    private final BookingStore bookings;
    private final RoomDoors rooms;
    private final Clock clock;
    private final Duration horizon;
    private final Map<String, Long> versions = new ConcurrentHashMap<>();
    private final Map<String, Object> locks = new ConcurrentHashMap<>();
    private long timer = -1;

    public AllowLists(Vertx vertx, DataSource dataSource, BookingStore bookings, RoomDoors rooms, Clock clock,
                      Duration horizon) {
        this.vertx = vertx;
        this.dataSource = dataSource;
        this.bookings = bookings;
        this.rooms = rooms;
        this.clock = clock;
        this.horizon = horizon;
    }

    /** The gateway's current list, or empty when it holds none of the configured doors. */
    public Future<Optional<AllowList>> forGateway(Gateway gateway) {
        if (rooms.isEmpty()) return Future.succeededFuture(Optional.empty());
        return vertx.executeBlocking(() -> build(gateway.tenant(), gateway.id()), false);
    }

    private Optional<AllowList> build(String tenant, String gateway) throws SQLException {
        Map<String, String> located = gateways(tenant, rooms.doors(tenant));
        List<String> doors = located.entrySet().stream().filter(e -> e.getValue().equals(gateway))
                .map(Map.Entry::getKey).sorted().toList();
        if (doors.isEmpty()) return Optional.empty();
        Set<String> roomIds = new HashSet<>();
        doors.forEach(d -> roomIds.add(rooms.room(tenant, d)));
        String key = tenant + "/" + gateway;
        // Read and version under one lock: a later version is never built from older bookings.
        synchronized (locks.computeIfAbsent(key, k -> new Object())) {
            Instant now = clock.instant();
            List<BookingRecord> found = bookings.forRooms(tenant, roomIds, now, now.plus(horizon));
            long version = versions.merge(key, now.toEpochMilli(), (old, t) -> Math.max(old + 1, t));
            return Optional.of(AllowListBuilder.build(tenant, gateway, doors, rooms, found, now, horizon, version));
        }
    }

    /** Door → gateway that last sent a reading of it, for the doors known. */
    private Map<String, String> gateways(String tenant, Collection<String> doors) throws SQLException {
        Map<String, String> out = new HashMap<>();
        if (doors.isEmpty()) return out;
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement(
                     "SELECT device, gateway FROM device_location WHERE tenant = ? AND device = ANY(?)")) {
            s.setString(1, tenant);
            s.setArray(2, c.createArrayOf("text", doors.toArray()));
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) out.put(rs.getString(1), rs.getString(2));
            }
        }
        return out;
    }

    @Override
    public void booked(BookingRecord booking) {
        changed(booking);
    }

    @Override
    public void cancelled(BookingRecord booking) {
        changed(booking);
    }

    private void changed(BookingRecord booking) {
        List<String> doors = rooms.doors(booking.tenant(), booking.room());
        if (doors.isEmpty()) return;
        announce(booking.tenant(), doors, "booking " + booking.id());
    }

    /** Announces a new list to every gateway holding one of {@code doors}. */
    private void announce(String tenant, List<String> doors, String why) {
        vertx.executeBlocking(() -> new HashSet<>(gateways(tenant, doors).values()), false).onSuccess(gws -> {
            for (String gw : gws) {
                LOG.debug("allow-list of gateway {} (tenant {}) to resend: {}", gw, tenant, why);
                vertx.eventBus().publish(CHANGED_ADDRESS, new JsonObject().put("tenant", tenant).put("gateway", gw));
            }
        }).onFailure(e -> LOG.warn("tenant {}: gateways of doors {} not read, allow-lists not resent ({}): {}", tenant,
                doors, why, e.toString()));
    }

    /** Resends every list each {@code period} (its validUntil slides); until {@link #close()}. */
    public void startRepublish(Duration period) {
        if (rooms.isEmpty()) return;
        timer = vertx.setPeriodic(period.toMillis(), id -> republishAll());
    }

    public void republishAll() {
        for (String tenant : rooms.tenants()) announce(tenant, new ArrayList<>(rooms.doors(tenant)), "periodic");
    }

    public void close() {
        if (timer >= 0) vertx.cancelTimer(timer);
    }
}
