package fr.beffroi.ingest.store;

import fr.beffroi.profiles.wire.BatchAck;
import fr.beffroi.profiles.wire.Reading;
import fr.beffroi.profiles.wire.ReadingBatch;
import fr.beffroi.profiles.wire.WireCodec;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;

import javax.sql.DataSource;
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
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
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

    /**
     * Rows are handed to the open COPY every ~64 KiB (PostgreSQL reads COPY data in chunks of that
     * size), so that the database parses and inserts while the next rows are formatted, instead of
     * both waiting in turn on a whole transaction's text.
     */
    private static final int DRAIN_BYTES = 64 * 1024;
    /** Readings formatted between two checks of the drain threshold. */
    private static final int ROWS_PER_DRAIN = 256;

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

    /**
     * Locks and loads every gateway's ledger first (gateways in sorted order, so that two transactions
     * sharing gateways lock them in the same order), then streams the rows into one COPY, then saves
     * the ledgers and device locations: while a COPY is open the connection takes no other statement.
     */
    private List<BatchAck> writeInTransaction(Connection c, List<ReadingBatch> batches, Instant receivedAt,
                                              Map<String, Located> locating) throws SQLException {
        Map<String, List<Integer>> byGateway = new TreeMap<>();
        for (int i = 0; i < batches.size(); i++) {
            ReadingBatch b = batches.get(i);
            byGateway.computeIfAbsent(b.tenant() + "\u0000" + b.gateway(), k -> new ArrayList<>()).add(i);
        }
        List<GatewayLedger> ledgers = new ArrayList<>(byGateway.size());
        for (List<Integer> indexes : byGateway.values()) {
            ReadingBatch first = batches.get(indexes.get(0));
            lockGateway(c, first.tenant(), first.gateway(), receivedAt);
            long lo = Long.MAX_VALUE;
            long hi = Long.MIN_VALUE;
            for (int i : indexes) {
                lo = Math.min(lo, batches.get(i).seqFrom());
                hi = Math.max(hi, batches.get(i).seqTo());
            }
            List<SeqRange> loaded = loadRanges(c, first.tenant(), first.gateway(), lo, hi);
            ledgers.add(new GatewayLedger(first.tenant(), first.gateway(), indexes, loaded, new SeqLedger(loaded)));
        }
        BatchAck[] acks = new BatchAck[batches.size()];
        CopyText rows = new CopyText(batches.stream().mapToInt(b -> b.readings().size()).sum());
        CopyIn copy = null;
        try {
            for (GatewayLedger g : ledgers) {
                for (int i : g.indexes()) {
                    ReadingBatch b = batches.get(i);
                    int stored = 0;
                    for (int from = 0; from < b.readings().size(); from += ROWS_PER_DRAIN) {
                        stored += appendRows(rows, g.tenant(), g.gateway(), b, from, g.ledger(), receivedAt);
                        if (rows.size() >= DRAIN_BYTES) {
                            if (copy == null) copy = c.unwrap(PGConnection.class).getCopyAPI().copyIn(COPY_SQL);
                            rows.drainTo(copy);
                        }
                    }
                    g.ledger().record(new SeqRange(b.seqFrom(), b.seqTo()));
                    acks[i] = BatchAck.committed(g.gateway(), b.seqFrom(), b.seqTo(), stored,
                            b.readings().size() - stored);
                }
            }
            if (rows.size() > 0) {
                if (copy == null) copy = c.unwrap(PGConnection.class).getCopyAPI().copyIn(COPY_SQL);
                rows.drainTo(copy);
            }
            if (copy != null) copy.endCopy();
        } catch (SQLException | RuntimeException e) {
            if (copy != null && copy.isActive()) cancelQuietly(copy, e);
            throw e;
        }
        for (GatewayLedger g : ledgers) {
            saveRanges(c, g.tenant(), g.gateway(), g.loaded(), g.ledger().ranges());
            locateDevices(c, g.tenant(), g.gateway(), batches, g.indexes(), receivedAt, locating);
        }
        return List.of(acks);
    }

    /** One gateway's share of a transaction: its batches, and its ledger as loaded and as it grows. */
    private record GatewayLedger(String tenant, String gateway, List<Integer> indexes, List<SeqRange> loaded,
                                 SeqLedger ledger) {
    }

    private static void cancelQuietly(CopyIn copy, Exception cause) {
        try {
            copy.cancelCopy();
        } catch (SQLException e) {
            cause.addSuppressed(e);
        }
    }

    /**
     * Appends the COPY rows of the batch's readings the ledger does not cover yet; returns how many.
     * A method of its own, the per-reading loop: inside writeInTransaction it made the JIT compile
     * (and after each deoptimisation recompile) that whole method, up to 0.6 s of C2 in a
     * benchmark round, on the cores the ingest runs on.
     */
    private static int appendRows(CopyText rows, String tenant, String gateway, ReadingBatch b, int from,
                                  SeqLedger ledger, Instant receivedAt) {
        int stored = 0;
        List<Reading> readings = b.readings();
        int to = Math.min(readings.size(), from + ROWS_PER_DRAIN);
        for (int i = from; i < to; i++) {
            Reading r = readings.get(i);
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
        // A hash set while scanning every reading (a tree set compared names per reading, a large
        // share of a transaction's CPU); only the few devices left to upsert are sorted.
        Set<String> seen = new HashSet<>();
        for (int i : indexes) {
            String last = null;
            for (Reading r : batches.get(i).readings()) {
                // Consecutive readings mostly share a device: skip the set lookup for them.
                if (!r.device().equals(last)) {
                    seen.add(r.device());
                    last = r.device();
                }
            }
        }
        seen.removeIf(d -> {
            Located known = located.get(tenant + "\u0000" + d);
            return known != null && known.gateway().equals(gateway)
                    && known.at().isAfter(now.minus(LOCATION_REFRESH));
        });
        if (seen.isEmpty()) return;
        String[] devices = seen.toArray(String[]::new);
        Arrays.sort(devices);
        for (String d : devices) locating.put(tenant + "\u0000" + d, new Located(gateway, now));
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO device_location (tenant, device, gateway,"
                + " last_seen) SELECT ?, d, ?, ? FROM unnest(?::text[]) AS d ON CONFLICT (tenant, device)"
                + " DO UPDATE SET gateway = EXCLUDED.gateway, last_seen = EXCLUDED.last_seen")) {
            ps.setString(1, tenant);
            ps.setString(2, gateway);
            ps.setTimestamp(3, Timestamp.from(now));
            ps.setArray(4, c.createArrayOf("text", devices));
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
