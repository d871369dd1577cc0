package fr.beffroi.ingest.endpoint.http;

import fr.beffroi.ingest.auth.UserAuthenticator;
import fr.beffroi.ingest.rule.AlertRecord;
import fr.beffroi.ingest.rule.AlertStore;
import fr.beffroi.rules.model.AlertLevel;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code GET /api/v1/alerts?from=&to=&level=&limit=}: what the cloud rules raised for the user's
 * tenant (the energy manager's and the technicians' "what happened"), newest first. Any user of the
 * tenant reads; defaults are the last 7 days and 100 alerts, at most 1,000. Errors as in
 * {@link CommandApi}.
 */
public final class AlertApi {
    private static final Logger LOG = LoggerFactory.getLogger(AlertApi.class);
    static final String PATH = "/api/v1/alerts";
    static final Duration DEFAULT_SPAN = Duration.ofDays(7);
    static final int DEFAULT_LIMIT = 100;
    static final int MAX_LIMIT = 1_000;

    private final Vertx vertx;
    private final BearerAuth auth;
    private final AlertStore alerts;
    private final Clock clock;

    public AlertApi(Vertx vertx, UserAuthenticator users, AlertStore alerts, Clock clock) {
        this.vertx = vertx;
        this.auth = new BearerAuth(vertx, users);
        this.alerts = alerts;
        this.clock = clock;
    }

    void mount(Router router) {
        router.get(PATH).handler(this::list);
    }

    private void list(RoutingContext ctx) {
        auth.authenticated(ctx, user -> {
            List<String> p = new ArrayList<>();
            Instant to = HttpAnswers.instantParam(ctx, "to", p);
            Instant from = HttpAnswers.instantParam(ctx, "from", p);
            String level = ctx.queryParams().get("level");
            if (level != null && AlertLevel.fromYaml(level).isEmpty()) {
                p.add("level: one of info, warning, critical, was " + level);
            }
            int limit = limit(ctx.queryParams().get("limit"), p);
            Instant end = to != null ? to : clock.instant();
            Instant start = from != null ? from : end.minus(DEFAULT_SPAN);
            if (p.isEmpty() && !start.isBefore(end)) p.add("from: must be before to");
            if (!p.isEmpty()) {
                HttpAnswers.error(ctx, 400, "bad_request", String.join("; ", p));
                return;
            }
            vertx.executeBlocking(() -> alerts.list(user.tenant(), start, end, level, limit), false)
                    .onSuccess(found -> {
                        JsonArray out = new JsonArray();
                        found.forEach(a -> out.add(toJson(a)));
                        HttpAnswers.json(ctx, 200, new JsonObject().put("from", start.toString())
                                .put("to", end.toString()).put("alerts", out));
                    })
                    .onFailure(e -> {
                        LOG.warn("alert request of user {} (tenant {}) failed: {}", user.name(), user.tenant(),
                                e.toString());
                        HttpAnswers.error(ctx, 503, "unavailable", "the alert store is unavailable");
                    });
        });
    }

    private static int limit(String text, List<String> p) {
        if (text == null) return DEFAULT_LIMIT;
        try {
            int n = Integer.parseInt(text);
            if (n >= 1 && n <= MAX_LIMIT) return n;
        } catch (NumberFormatException e) {
            // reported below
        }
        p.add("limit: an integer from 1 to " + MAX_LIMIT + ", was " + text);
        return DEFAULT_LIMIT;
    }

    static JsonObject toJson(AlertRecord a) {
        return new JsonObject().put("id", a.id()).put("rule", a.ruleId()).put("level", a.level())
                .put("message", a.message()).put("at", a.at().toString()).put("recordedAt", a.recordedAt().toString());
    }
}
