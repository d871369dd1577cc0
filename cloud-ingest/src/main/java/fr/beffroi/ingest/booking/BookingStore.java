package fr.beffroi.ingest.booking;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** The {@code booking} table (V6). Blocking JDBC: call it from a worker thread. */
public final class BookingStore {
    private static final String COLUMNS = "id, tenant, room, slot_start, slot_end, holder_badge, created_by, created_at,"
            + " updated_at, cancelled_at";

    private final DataSource dataSource;
    private final Clock clock;

    public BookingStore(DataSource dataSource, Clock clock) {
        this.dataSource = dataSource;
        this.clock = clock;
    }

    public BookingRecord create(String tenant, String room, Instant start, Instant end, String badge, String createdBy)
            throws SQLException {
        Instant now = clock.instant();
        BookingRecord b = new BookingRecord(UUID.randomUUID().toString(), tenant, room, start, end, badge, createdBy,
                now, now, null);
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement("INSERT INTO booking (" + COLUMNS
                     + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, NULL)")) {
            s.setString(1, b.id());
            s.setString(2, tenant);
            s.setString(3, room);
            s.setTimestamp(4, Timestamp.from(start));
            s.setTimestamp(5, Timestamp.from(end));
            s.setString(6, badge);
            s.setString(7, createdBy);
            s.setTimestamp(8, Timestamp.from(now));
            s.setTimestamp(9, Timestamp.from(now));
            s.executeUpdate();
        }
        return b;
    }

    /** The booking of that tenant, cancelled or not; another tenant's is empty. */
    public Optional<BookingRecord> find(String tenant, String id) throws SQLException {
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement("SELECT " + COLUMNS + " FROM booking WHERE id = ? AND tenant = ?")) {
            s.setString(1, id);
            s.setString(2, tenant);
            List<BookingRecord> found = read(s);
            return found.stream().findFirst();
        }
    }

    /** Moves a standing booking's slot; empty when it is not the tenant's or is cancelled. */
    public Optional<BookingRecord> reschedule(String tenant, String id, Instant start, Instant end) throws SQLException {
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement("UPDATE booking SET slot_start = ?, slot_end = ?, updated_at = ?"
                     + " WHERE id = ? AND tenant = ? AND cancelled_at IS NULL RETURNING " + COLUMNS)) {
            s.setTimestamp(1, Timestamp.from(start));
            s.setTimestamp(2, Timestamp.from(end));
            s.setTimestamp(3, Timestamp.from(clock.instant()));
            s.setString(4, id);
            s.setString(5, tenant);
            return read(s).stream().findFirst();
        }
    }

    /** Cancels (idempotent: a cancelled booking keeps its first cancellation instant); empty when not the tenant's. */
    public Optional<BookingRecord> cancel(String tenant, String id) throws SQLException {
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement("UPDATE booking SET cancelled_at = COALESCE(cancelled_at, ?),"
                     + " updated_at = CASE WHEN cancelled_at IS NULL THEN ? ELSE updated_at END"
                     + " WHERE id = ? AND tenant = ? RETURNING " + COLUMNS)) {
            Timestamp now = Timestamp.from(clock.instant());
            s.setTimestamp(1, now);
            s.setTimestamp(2, now);
            s.setString(3, id);
            s.setString(4, tenant);
            return read(s).stream().findFirst();
        }
    }

    /**
     * Standing bookings of a tenant overlapping {@code [from, to)}, by start; {@code room} null = every
     * room, {@code from}/{@code to} null = unbounded.
     */
    public List<BookingRecord> list(String tenant, String room, Instant from, Instant to) throws SQLException {
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement("SELECT " + COLUMNS + " FROM booking WHERE tenant = ?"
                     + " AND cancelled_at IS NULL AND (?::text IS NULL OR room = ?)"
                     + " AND (?::timestamptz IS NULL OR slot_end > ?) AND (?::timestamptz IS NULL OR slot_start < ?)"
                     + " ORDER BY slot_start, id LIMIT 10000")) {
            s.setString(1, tenant);
            s.setString(2, room);
            s.setString(3, room);
            Timestamp f = from == null ? null : Timestamp.from(from);
            Timestamp t = to == null ? null : Timestamp.from(to);
            s.setTimestamp(4, f);
            s.setTimestamp(5, f);
            s.setTimestamp(6, t);
            s.setTimestamp(7, t);
            return read(s);
        }
    }

    /** Standing bookings of any tenant not ended at {@code now}: what the engines are told at start-up. */
    public List<BookingRecord> notEnded(Instant now) throws SQLException {
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement("SELECT " + COLUMNS + " FROM booking WHERE cancelled_at IS NULL"
                     + " AND slot_end > ? ORDER BY slot_start, id")) {
            s.setTimestamp(1, Timestamp.from(now));
            return read(s);
        }
    }

    /** Standing bookings of these rooms of a tenant overlapping {@code [from, to)}: an allow-list's grants. */
    public List<BookingRecord> forRooms(String tenant, Collection<String> rooms, Instant from, Instant to)
            throws SQLException {
        if (rooms.isEmpty()) return List.of();
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement("SELECT " + COLUMNS + " FROM booking WHERE tenant = ?"
                     + " AND room = ANY(?) AND cancelled_at IS NULL AND slot_end > ? AND slot_start < ?"
                     + " ORDER BY slot_start, id")) {
            s.setString(1, tenant);
            s.setArray(2, c.createArrayOf("text", rooms.toArray()));
            s.setTimestamp(3, Timestamp.from(from));
            s.setTimestamp(4, Timestamp.from(to));
            return read(s);
        }
    }

    private static List<BookingRecord> read(PreparedStatement s) throws SQLException {
        List<BookingRecord> out = new ArrayList<>();
        try (ResultSet rs = s.executeQuery()) {
            while (rs.next()) {
                Timestamp cancelled = rs.getTimestamp(10);
                out.add(new BookingRecord(rs.getString(1), rs.getString(2), rs.getString(3),
                        rs.getTimestamp(4).toInstant(), rs.getTimestamp(5).toInstant(), rs.getString(6),
                        rs.getString(7), rs.getTimestamp(8).toInstant(), rs.getTimestamp(9).toInstant(),
                        cancelled == null ? null : cancelled.toInstant()));
            }
        }
        return out;
    }
}
