package fr.beffroi.ingest.endpoint.http;

import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;

/**
 * The HTTP API's JSON answers: one body shape for every error, {@code {"error": code, "reason": text}};
 * and the instant parameters every route reads the same way.
 */
final class HttpAnswers {
    private HttpAnswers() {
    }

    static void unauthorized(RoutingContext ctx, String reason) {
        ctx.response().putHeader("WWW-Authenticate", "Bearer realm=\"beffroi\"");
        error(ctx, 401, "unauthorized", reason);
    }

    static void error(RoutingContext ctx, int status, String code, String reason) {
        json(ctx, status, new JsonObject().put("error", code).put("reason", reason));
    }

    /** An ISO-8601 instant, or null with the problem added (naming {@code key}). */
    static Instant instant(String key, String text, List<String> problems) {
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException e) {
            problems.add(key + ": not an ISO-8601 instant (2026-11-25T14:00:00Z): " + text);
            return null;
        }
    }

    /** A query parameter read as an instant; null when absent or (with the problem added) unreadable. */
    static Instant instantParam(RoutingContext ctx, String key, List<String> problems) {
        String v = ctx.queryParams().get(key);
        return v == null ? null : instant(key, v, problems);
    }

    /** Answers once: a second answer to an ended response is ignored. */
    static void json(RoutingContext ctx, int status, JsonObject body) {
        if (ctx.response().ended()) return;
        ctx.response().setStatusCode(status).putHeader("Content-Type", "application/json").end(body.encode());
    }
}
