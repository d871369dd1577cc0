package fr.beffroi.ingest.command;

import fr.beffroi.profiles.wire.Command;
import fr.beffroi.profiles.wire.CommandResult;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * The command ledger in PostgreSQL ({@code command}, {@code command_event}): issues commands
 * idempotently, routes each to the gateway that holds its device ({@code device_location}), and
 * records every stage as an audit row. Blocking JDBC: callers run it off the event loop.
 */
public final class CommandLedger {
    /** Ids travel in MQTT payloads and SQL: letters, digits and {@code _.:-}, up to 128. */
    public static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.:-]{0,127}");

    /** What became of a result a gateway reported. */
    public enum Recorded {
        /** A new stage, written to the audit trail (and the status, if it moves forward). */
        RECORDED,
        /** This stage of this command was already recorded: a resend. */
        DUPLICATE,
        /** No such command of this gateway. */
        UNKNOWN
    }

    private static final String COLUMNS = "id, tenant, gateway, device, point, value, issued_by, issued_at,"
            + " expires_at, status, reason, updated_at";

    private final DataSource dataSource;
    private final Clock clock;
    private final Duration maxLifetime;

    /** @param maxLifetime the furthest in the future a command may expire */
    public CommandLedger(DataSource dataSource, Clock clock, Duration maxLifetime) {
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.maxLifetime = Objects.requireNonNull(maxLifetime, "maxLifetime");
    }

    /**
     * Issues a command, or returns the one already issued under the same id. The same id is the
     * same command when tenant, device, point, value and issuer agree; its expiry is not compared,
     * since a retried request with a relative expiry ({@code expiresIn}) computes another one.
     *
     * @throws CommandRefused INVALID, UNKNOWN_DEVICE or CONFLICT, with a message for the caller
     */
    public CommandRecord issue(CommandRequest request) throws CommandRefused, SQLException {
        Instant now = clock.instant();
        String id = request.id() == null ? UUID.randomUUID().toString() : request.id();
        check(request, id, now);
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                Optional<CommandRecord> existing = load(c, id);
                if (existing.isEmpty()) {
                    String gateway = gatewayOf(c, request.tenant(), request.device());
                    if (gateway == null) {
                        c.rollback();
                        throw new CommandRefused(CommandRefused.Kind.UNKNOWN_DEVICE,
                                "unknown device " + request.tenant() + "/" + request.device());
                    }
                    if (insert(c, id, gateway, request, now)) {
                        event(c, id, CommandStatus.ISSUED, null, now, now);
                    }
                    existing = load(c, id);
                }
                c.commit();
                CommandRecord record = existing.orElseThrow();
                if (!sameContent(record.command(), request)) {
                    // Another tenant's command is not described to this caller: only that the id is taken.
                    String which = record.command().tenant().equals(request.tenant())
                            ? " (" + describe(record.command()) + ")" : "";
                    throw new CommandRefused(CommandRefused.Kind.CONFLICT, "command id " + id
                            + " is already taken by another command" + which);
                }
                return record;
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        }
    }

    private void check(CommandRequest r, String id, Instant now) throws CommandRefused {
        List<String> p = new ArrayList<>();
        if (!ID.matcher(id).matches()) p.add("id must match " + ID.pattern());
        if (r.device().isBlank()) p.add("device is missing");
        if (r.point().isBlank()) p.add("point is missing");
        if (!Double.isFinite(r.value())) p.add("value must be a finite number");
        if (!r.expiresAt().isAfter(now)) p.add("expiresAt " + r.expiresAt() + " is not in the future");
        if (r.expiresAt().isAfter(now.plus(maxLifetime))) {
            p.add("expiresAt " + r.expiresAt() + " is further than " + maxLifetime + " ahead");
        }
        if (!p.isEmpty()) throw new CommandRefused(CommandRefused.Kind.INVALID, String.join("; ", p));
    }

    static boolean sameContent(Command c, CommandRequest r) {
        return c.tenant().equals(r.tenant()) && c.device().equals(r.device()) && c.point().equals(r.point())
                && Double.compare(c.value(), r.value()) == 0 && c.issuedBy().equals(r.issuedBy());
    }

    private static String describe(Command c) {
        return c.tenant() + "/" + c.device() + " " + c.point() + " = " + c.value() + " by " + c.issuedBy();
    }

    /** The open commands of a gateway not yet expired at {@code now}, oldest first: what it should get. */
    public List<Command> pending(String tenant, String gateway) throws SQLException {
        Instant now = clock.instant();
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM command WHERE tenant = ?"
                     + " AND gateway = ? AND status IN ('ISSUED', 'SENT') AND expires_at > ? ORDER BY issued_at, id")) {
            ps.setString(1, tenant);
            ps.setString(2, gateway);
            ps.setTimestamp(3, Timestamp.from(now));
            List<Command> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) out.add(command(rs));
            }
            return out;
        }
    }

    /** Records that the command was published to its gateway (the first time only, in the audit). */
    public void markSent(String id) throws SQLException {
        Instant now = clock.instant();
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                try (PreparedStatement ps = c.prepareStatement(
                        "UPDATE command SET status = 'SENT', updated_at = ? WHERE id = ? AND status = 'ISSUED'")) {
                    ps.setTimestamp(1, Timestamp.from(now));
                    ps.setString(2, id);
                    ps.executeUpdate();
                }
                event(c, id, CommandStatus.SENT, null, now, now);
                c.commit();
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        }
    }

    /**
     * Records a result reported by {@code gateway} of {@code tenant}: an audit row, once per stage,
     * and the status when it moves forward (see {@link CommandStatus#movesTo}).
     */
    public Recorded record(String tenant, String gateway, CommandResult result) throws SQLException {
        Instant now = clock.instant();
        CommandStatus next = CommandStatus.of(result.status());
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                CommandStatus current;
                try (PreparedStatement ps = c.prepareStatement("SELECT status FROM command WHERE id = ?"
                        + " AND tenant = ? AND gateway = ? FOR UPDATE")) {
                    ps.setString(1, result.commandId());
                    ps.setString(2, tenant);
                    ps.setString(3, gateway);
                    try (ResultSet rs = ps.executeQuery()) {
                        if (!rs.next()) {
                            c.rollback();
                            return Recorded.UNKNOWN;
                        }
                        current = CommandStatus.valueOf(rs.getString(1));
                    }
                }
                if (!event(c, result.commandId(), next, result.reason(), result.at(), now)) {
                    c.rollback();
                    return Recorded.DUPLICATE;
                }
                if (current.movesTo(next, true)) {
                    try (PreparedStatement ps = c.prepareStatement(
                            "UPDATE command SET status = ?, reason = ?, updated_at = ? WHERE id = ?")) {
                        ps.setString(1, next.name());
                        ps.setString(2, result.reason());
                        ps.setTimestamp(3, Timestamp.from(now));
                        ps.setString(4, result.commandId());
                        ps.executeUpdate();
                    }
                }
                c.commit();
                return Recorded.RECORDED;
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        }
    }

    /** Marks EXPIRED every open command whose expiry has passed; returns their ids. */
    public List<String> expire() throws SQLException {
        Instant now = clock.instant();
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                List<String[]> expired = new ArrayList<>();
                try (PreparedStatement ps = c.prepareStatement("UPDATE command SET status = 'EXPIRED', reason ="
                        + " CASE status WHEN 'ISSUED' THEN 'not delivered to the gateway before it expired'"
                        + " ELSE 'no result from the gateway before it expired' END, updated_at = ?"
                        + " WHERE status IN ('ISSUED', 'SENT') AND expires_at <= ? RETURNING id, reason")) {
                    ps.setTimestamp(1, Timestamp.from(now));
                    ps.setTimestamp(2, Timestamp.from(now));
                    try (ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) expired.add(new String[] {rs.getString(1), rs.getString(2)});
                    }
                }
                for (String[] e : expired) event(c, e[0], CommandStatus.EXPIRED, e[1], now, now);
                c.commit();
                return expired.stream().map(e -> e[0]).toList();
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        }
    }

    public Optional<CommandRecord> find(String id) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            return load(c, id);
        }
    }

    private static String gatewayOf(Connection c, String tenant, String device) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT gateway FROM device_location WHERE tenant = ? AND device = ?")) {
            ps.setString(1, tenant);
            ps.setString(2, device);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        }
    }

    private static boolean insert(Connection c, String id, String gateway, CommandRequest r, Instant now)
            throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO command (" + COLUMNS + ") VALUES"
                + " (?, ?, ?, ?, ?, ?, ?, ?, ?, 'ISSUED', NULL, ?) ON CONFLICT (id) DO NOTHING")) {
            ps.setString(1, id);
            ps.setString(2, r.tenant());
            ps.setString(3, gateway);
            ps.setString(4, r.device());
            ps.setString(5, r.point());
            ps.setDouble(6, r.value());
            ps.setString(7, r.issuedBy());
            ps.setTimestamp(8, Timestamp.from(now));
            ps.setTimestamp(9, Timestamp.from(r.expiresAt()));
            ps.setTimestamp(10, Timestamp.from(now));
            return ps.executeUpdate() == 1;
        }
    }

    /** Appends an audit row; false when this stage of this command is already there. */
    private static boolean event(Connection c, String id, CommandStatus status, String reason, Instant at,
                                 Instant recordedAt) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO command_event (command_id, status, reason, at,"
                + " recorded_at) VALUES (?, ?, ?, ?, ?) ON CONFLICT (command_id, status) DO NOTHING")) {
            ps.setString(1, id);
            ps.setString(2, status.name());
            // A reason comes from a gateway; PostgreSQL text refuses NUL.
            ps.setString(3, reason == null ? null : reason.replace('\u0000', '?'));
            ps.setTimestamp(4, Timestamp.from(at));
            ps.setTimestamp(5, Timestamp.from(recordedAt));
            return ps.executeUpdate() == 1;
        }
    }

    private static Optional<CommandRecord> load(Connection c, String id) throws SQLException {
        Command command;
        String gateway;
        CommandStatus status;
        String reason;
        Instant updatedAt;
        try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM command WHERE id = ?")) {
            ps.setString(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) return Optional.empty();
                command = command(rs);
                gateway = rs.getString("gateway");
                status = CommandStatus.valueOf(rs.getString("status"));
                reason = rs.getString("reason");
                updatedAt = rs.getTimestamp("updated_at").toInstant();
            }
        }
        List<CommandEvent> events = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT status, reason, at, recorded_at FROM command_event WHERE command_id = ?")) {
            ps.setString(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    events.add(new CommandEvent(CommandStatus.valueOf(rs.getString(1)), rs.getString(2),
                            rs.getTimestamp(3).toInstant(), rs.getTimestamp(4).toInstant()));
                }
            }
        }
        // Recorded order, stage order among rows of one transaction (ISSUED before SENT at one instant).
        events.sort(Comparator.comparing(CommandEvent::recordedAt).thenComparing(CommandEvent::status));
        return Optional.of(new CommandRecord(command, gateway, status, reason, updatedAt, events));
    }

    private static Command command(ResultSet rs) throws SQLException {
        return new Command(rs.getString("id"), rs.getString("tenant"), rs.getString("device"), rs.getString("point"),
                rs.getDouble("value"), rs.getString("issued_by"), rs.getTimestamp("issued_at").toInstant(),
                rs.getTimestamp("expires_at").toInstant());
    }
}
