package fr.beffroi.ops.demo;

import fr.beffroi.edge.driver.access.AllowListPolicy;

import javax.sql.DataSource;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

/**
 * What the demo does as a town-hall clerk: books the sports hall for the badges of a club through
 * the bookings HTTP API, then waits for the door's gateway to hold the allow-list the cloud sends
 * down; and, at the end, what the rules did (commands with their audit, alerts, edge rule actions).
 */
final class Bookings {
    private static final Duration PATIENCE = Duration.ofSeconds(20);

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final int httpPort;
    private final String token;
    private final DataSource db;
    private final PrintStream out;

    Bookings(int httpPort, String token, DataSource db, PrintStream out) {
        this.httpPort = httpPort;
        this.token = token;
        this.db = db;
        this.out = out;
    }

    /**
     * Books {@code room} from in 5 minutes for an hour, once per badge (so the door opens for them
     * from now: 15 minutes before the slot), after the door's gateway is known to the cloud.
     */
    void bookForTheDemo(String tenant, String room, String door, List<String> badges, AllowListPolicy gatewayAccess)
            throws Exception {
        waitFor("the cloud to know which gateway holds " + door,
                () -> count("select count(*) from device_location where tenant = ? and device = ?", tenant, door) > 0);
        Instant start = Instant.now().plus(Duration.ofMinutes(5)).truncatedTo(ChronoUnit.MINUTES);
        for (String badge : badges) {
            String body = "{\"room\":\"" + room + "\",\"start\":\"" + start + "\",\"end\":\""
                    + start.plus(Duration.ofHours(1)) + "\",\"badge\":\"" + badge + "\"}";
            HttpResponse<String> answer = http.send(HttpRequest.newBuilder(
                            URI.create("http://127.0.0.1:" + httpPort + "/api/v1/bookings"))
                    .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                    .timeout(Duration.ofSeconds(10)).POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (answer.statusCode() != 201) {
                throw new IllegalStateException("booking refused: HTTP " + answer.statusCode() + " " + answer.body());
            }
            out.println("  booking    " + room + " " + start + " +1h for badge " + badge + " (POST /api/v1/bookings → 201)");
        }
        waitFor("the allow-list to reach the gateway of " + door, () -> gatewayAccess.current()
                .map(list -> list.entries().size() >= badges.size()).orElse(false));
        out.println("  access     allow-list v" + gatewayAccess.current().orElseThrow().version() + " held by the gateway: "
                + gatewayAccess.current().orElseThrow().entries().size() + " grants on " + door);
    }

    /** Commands the rules and users issued with their last status, alerts, and the edge rules' actions. */
    static void printActions(DataSource db, String tenant, PrintStream out) throws Exception {
        try (Connection c = db.getConnection()) {
            try (PreparedStatement q = c.prepareStatement("select issued_by, device, point, value, status, "
                    + "coalesce(reason, '') from command where tenant = ? order by issued_at, id")) {
                q.setString(1, tenant);
                try (ResultSet r = q.executeQuery()) {
                    out.println("commands issued (cloud ledger, audited in command_event):");
                    int n = 0;
                    while (r.next()) {
                        n++;
                        out.printf("  %-36s %s %s=%s → %s%s%n", r.getString(1), r.getString(2), r.getString(3),
                                trim(r.getDouble(4)), r.getString(5), r.getString(6).isEmpty() ? "" : " (" + r.getString(6) + ")");
                    }
                    if (n == 0) out.println("  none");
                }
            }
            try (PreparedStatement q = c.prepareStatement("select attrs->>'rule', attrs->>'device', attrs->>'point', "
                    + "attrs->>'value', attrs->>'outcome', count(*) from reading where tenant = ? and point = 'ruleCommand' "
                    + "group by 1, 2, 3, 4, 5 order by 1, 2, 3, 4")) {
                q.setString(1, tenant);
                try (ResultSet r = q.executeQuery()) {
                    out.println("edge rule actions (executed at the gateway, forwarded as events):");
                    int n = 0;
                    while (r.next()) {
                        n++;
                        out.printf("  rule:%-31s %s %s=%s → %s ×%d%n", r.getString(1), r.getString(2), r.getString(3),
                                r.getString(4), r.getString(5), r.getLong(6));
                    }
                    if (n == 0) out.println("  none");
                }
            }
            try (PreparedStatement q = c.prepareStatement("select count(*) from alert where tenant = ?")) {
                q.setString(1, tenant);
                try (ResultSet r = q.executeQuery()) {
                    r.next();
                    out.println("alerts raised by cloud rules: " + r.getLong(1));
                }
            }
        }
    }

    private static String trim(double v) {
        return v == Math.rint(v) ? String.valueOf((long) v) : String.valueOf(v);
    }

    private long count(String sql, String a, String b) throws Exception {
        try (Connection c = db.getConnection(); PreparedStatement q = c.prepareStatement(sql)) {
            q.setString(1, a);
            q.setString(2, b);
            try (ResultSet r = q.executeQuery()) {
                r.next();
                return r.getLong(1);
            }
        }
    }

    private interface Check {
        boolean holds() throws Exception;
    }

    private static void waitFor(String what, Check check) throws Exception {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (!check.holds()) {
            if (System.nanoTime() > deadline) throw new IllegalStateException("gave up waiting for " + what);
            Thread.sleep(100);
        }
    }
}
