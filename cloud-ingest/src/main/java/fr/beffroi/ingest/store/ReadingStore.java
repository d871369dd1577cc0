package fr.beffroi.ingest.store;

import fr.beffroi.profiles.wire.BatchAck;
import fr.beffroi.profiles.wire.Reading;
import fr.beffroi.profiles.wire.ReadingBatch;
import fr.beffroi.profiles.wire.WireCodec;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;

import javax.sql.DataSource;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Stores batches exactly once. One call is one transaction: per gateway, lock its cursor row, read
 * the committed ranges the batches touch, drop readings those ranges cover (duplicates), COPY the
 * rest into {@code reading}, record the new ranges coalesced, commit. A reading is stored if and
 * only if the range that covers it is recorded, in the same transaction. The same transaction
 * upserts {@code device_location}: which gateway holds each device seen, where commands are sent.
 */
public final class ReadingStore {
    /** The columns, in the order every COPY row gives them; attrs last, {@code \N} for a plain sample. */
    public static final String COPY_SQL = "COPY reading (tenant, gateway, seq, device, point, ts, value, unit, quality,"
            + " received_at, attrs) FROM STDIN (FORMAT text)";

    private final DataSource dataSource;
    private final Clock clock;
    private final Partitions partitions = new Partitions();
    /**
     * Devices this node recently recorded where, committed: a device seen again through the same
     * gateway within {@link #LOCATION_REFRESH} is not upserted again — the upsert was a statement per
     * gateway in every transaction, for a fact that changes when a device moves (rarely). A device
     * seen through another gateway is upserted at once, so commands follow it.
     */
    private final Map<String, Located> located = new ConcurrentHashMap<>();
    static final Duration LOCATION_REFRESH = Duration.ofMinutes(1);

    private record Located(String gateway, Instant at) {
    }

    public ReadingStore(DataSource dataSource, Clock clock) {
        this.dataSource = dataSource;
        this.clock = clock;
    }

    /** Writes the batches in one transaction; returns one COMMITTED ack per batch, in order. */
    public List<BatchAck> write(List<ReadingBatch> batches) throws SQLException {
        Instant receivedAt = clock.instant();
        try (Connection c = dataSource.getConnection()) {
            partitions.ensure(c, days(batches));
            c.setAutoCommit(false);
            try {
                Map<String, Located> locating = new LinkedHashMap<>();
                List<BatchAck> acks = writeInTransaction(c, batches, receivedAt, locating);
                c.commit();
                located.putAll(locating);
                return acks;
            } catch (SQLException | RuntimeException e) {
                rollbackQuietly(c, e);
                throw e;
            }
        }
    }

    private List<BatchAck> writeInTransaction(Connection c, List<ReadingBatch> batches, Instant receivedAt,
                                              Map<String, Located> locating) throws SQLException {
        Map<String, List<Integer>> byGateway = new LinkedHashMap<>();
        for (int i = 0; i < batches.size(); i++) {
            ReadingBatch b = batches.get(i);
            byGateway.computeIfAbsent(b.tenant() + "\u0000" + b.gateway(), k -> new ArrayList<>()).add(i);
        }
        BatchAck[] acks = new BatchAck[batches.size()];
        CopyText rows = new CopyText(batches.stream().mapToInt(b -> b.readings().size()).sum());
        int rowCount = 0;
        for (List<Integer> indexes : byGateway.values()) {
            ReadingBatch first = batches.get(indexes.get(0));
            String tenant = first.tenant();
            String gateway = first.gateway();
            lockGateway(c, tenant, gateway, receivedAt);
            long lo = Long.MAX_VALUE;
            long hi = Long.MIN_VALUE;
            for (int i : indexes) {
                lo = Math.min(lo, batches.get(i).seqFrom());
                hi = Math.max(hi, batches.get(i).seqTo());
            }
            List<SeqRange> loaded = loadRanges(c, tenant, gateway, lo, hi);
            SeqLedger ledger = new SeqLedger(loaded);
            for (int i : indexes) {
                ReadingBatch b = batches.get(i);
                int stored = appendRows(rows, tenant, gateway, b, ledger, receivedAt);
                int duplicates = b.readings().size() - stored;
                rowCount += stored;
                ledger.record(new SeqRange(b.seqFrom(), b.seqTo()));
                acks[i] = BatchAck.committed(gateway, b.seqFrom(), b.seqTo(), stored, duplicates);
            }
            saveRanges(c, tenant, gateway, loaded, ledger.ranges());
            locateDevices(c, tenant, gateway, batches, indexes, receivedAt, locating);
        }
        if (rowCount > 0) copy(c, rows.toString());
        return List.of(acks);
    }

    /**
     * Appends the COPY rows of the batch's readings the ledger does not cover yet; returns how many.
     * A method of its own, the per-reading loop: inside writeInTransaction it made the JIT compile
     * (and after each deoptimisation recompile) that whole method, up to 0.6 s of C2 in a
     * benchmark round, on the cores the ingest runs on.
     */
    private static int appendRows(CopyText rows, String tenant, String gateway, ReadingBatch b, SeqLedger ledger,
                                  Instant receivedAt) {
        int stored = 0;
        for (Reading r : b.readings()) {
            if (ledger.covers(r.seq())) continue;
            stored++;
            rows.text(tenant).text(gateway).number(r.seq()).text(r.device()).text(r.point())
                    .timestamp(r.ts()).number(r.value()).text(r.unit()).text(r.quality().name())
                    .timestamp(receivedAt).text(WireCodec.attrsJson(r.attrs())).endRow();
        }
        return stored;
    }

    /**
     * Upserting the cursor row takes its row lock until commit: a second transaction for the same
     * gateway waits here, then sees the ranges this one recorded.
     */
    private static void lockGateway(Connection c, String tenant, String gateway, Instant now) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO gateway_cursor (tenant, gateway, first_seen_at,"
                + " last_commit_at) VALUES (?, ?, ?, ?) ON CONFLICT (tenant, gateway)"
                + " DO UPDATE SET last_commit_at = EXCLUDED.last_commit_at")) {
            Timestamp ts = Timestamp.from(now);
            ps.setString(1, tenant);
            ps.setString(2, gateway);
            ps.setTimestamp(3, ts);
            ps.setTimestamp(4, ts);
            ps.executeUpdate();
        }
    }

    /**
     * Records that these devices are held by this gateway, for the command downlink. One statement
     * per gateway per transaction, whatever the batch size; devices sorted so that two
     * transactions touching the same rows lock them in the same order.
     */
    private void locateDevices(Connection c, String tenant, String gateway, List<ReadingBatch> batches,
                               List<Integer> indexes, Instant now, Map<String, Located> locating)
            throws SQLException {
        java.util.TreeSet<String> devices = new java.util.TreeSet<>();
        for (int i : indexes) {
            String last = null;
            for (Reading r : batches.get(i).readings()) {
                // Consecutive readings mostly share a device: skip the set lookup for them.
                if (!r.device().equals(last)) {
                    devices.add(r.device());
                    last = r.device();
                }
            }
        }
        devices.removeIf(d -> {
            Located known = located.get(tenant + "\u0000" + d);
            return known != null && known.gateway().equals(gateway)
                    && known.at().isAfter(now.minus(LOCATION_REFRESH));
        });
        if (devices.isEmpty()) return;
        for (String d : devices) locating.put(tenant + "\u0000" + d, new Located(gateway, now));
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO device_location (tenant, device, gateway,"
                + " last_seen) SELECT ?, d, ?, ? FROM unnest(?::text[]) AS d ON CONFLICT (tenant, device)"
                + " DO UPDATE SET gateway = EXCLUDED.gateway, last_seen = EXCLUDED.last_seen")) {
            ps.setString(1, tenant);
            ps.setString(2, gateway);
            ps.setTimestamp(3, Timestamp.from(now));
            ps.setArray(4, c.createArrayOf("text", devices.toArray()));
            ps.executeUpdate();
        }
    }

    /** The ranges that overlap or touch [lo, hi]: the only ones a merge can change. */
    private static List<SeqRange> loadRanges(Connection c, String tenant, String gateway, long lo, long hi)
            throws SQLException {
        List<SeqRange> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT seq_from, seq_to FROM ingest_range"
                + " WHERE tenant = ? AND gateway = ? AND seq_to >= ? AND seq_from <= ? ORDER BY seq_from")) {
            ps.setString(1, tenant);
            ps.setString(2, gateway);
            ps.setLong(3, SeqRange.saturatedDec(lo));
            ps.setLong(4, SeqRange.saturatedInc(hi));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) out.add(new SeqRange(rs.getLong(1), rs.getLong(2)));
            }
        }
        return out;
    }

    private static void saveRanges(Connection c, String tenant, String gateway, List<SeqRange> before,
                                   List<SeqRange> after) throws SQLException {
        Set<SeqRange> beforeSet = new HashSet<>(before);
        Set<SeqRange> afterSet = new HashSet<>(after);
        List<Long> gone = new ArrayList<>();
        for (SeqRange r : before) if (!afterSet.contains(r)) gone.add(r.from());
        List<SeqRange> keep = new ArrayList<>();
        for (SeqRange r : after) if (!beforeSet.contains(r)) keep.add(r);
        if (!gone.isEmpty()) {
            try (PreparedStatement ps = c.prepareStatement(
                    "DELETE FROM ingest_range WHERE tenant = ? AND gateway = ? AND seq_from = ANY (?)")) {
                Array arr = c.createArrayOf("bigint", gone.toArray());
                ps.setString(1, tenant);
                ps.setString(2, gateway);
                ps.setArray(3, arr);
                ps.executeUpdate();
            }
        }
        if (!keep.isEmpty()) {
            try (PreparedStatement ps = c.prepareStatement(
                    "INSERT INTO ingest_range (tenant, gateway, seq_from, seq_to) VALUES (?, ?, ?, ?)")) {
                for (SeqRange r : keep) {
                    ps.setString(1, tenant);
                    ps.setString(2, gateway);
                    ps.setLong(3, r.from());
                    ps.setLong(4, r.to());
                    ps.addBatch();
                }
                ps.executeBatch();
            }
        }
    }

    private static void copy(Connection c, String rows) throws SQLException {
        CopyManager copy = c.unwrap(PGConnection.class).getCopyAPI();
        try {
            copy.copyIn(COPY_SQL, new ByteArrayInputStream(rows.getBytes(StandardCharsets.UTF_8)));
        } catch (IOException e) {
            throw new SQLException("COPY into reading failed: " + e.getMessage(), "58030", e);
        }
    }

    private static Set<LocalDate> days(List<ReadingBatch> batches) {
        // Per reading, so kept cheap: UTC days are whole multiples of 86,400 epoch seconds, and
        // consecutive readings mostly share a day.
        Set<LocalDate> days = new HashSet<>();
        long lastDay = Long.MIN_VALUE;
        for (ReadingBatch b : batches) {
            for (Reading r : b.readings()) {
                long day = Math.floorDiv(r.ts().getEpochSecond(), 86_400L);
                if (day != lastDay) {
                    days.add(LocalDate.ofEpochDay(day));
                    lastDay = day;
                }
            }
        }
        return days;
    }

    private static void rollbackQuietly(Connection c, Exception cause) {
        try {
            c.rollback();
        } catch (SQLException e) {
            cause.addSuppressed(e);
        }
    }
}
