package fr.beffroi.ingest.endpoint.http;

import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

/** The HTTP API's JSON answers: one body shape for every error, {@code {"error": code, "reason": text}}. */
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

    /** Answers once: a second answer to an ended response is ignored. */
    static void json(RoutingContext ctx, int status, JsonObject body) {
        if (ctx.response().ended()) return;
        ctx.response().setStatusCode(status).putHeader("Content-Type", "application/json").end(body.encode());
    }
}
