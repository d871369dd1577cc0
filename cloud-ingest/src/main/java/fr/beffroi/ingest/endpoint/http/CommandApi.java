package fr.beffroi.ingest.endpoint.http;

import fr.beffroi.ingest.auth.User;
import fr.beffroi.ingest.auth.UserAuthenticator;
import fr.beffroi.ingest.command.CommandEvent;
import fr.beffroi.ingest.command.CommandRecord;
import fr.beffroi.ingest.command.CommandRefused;
import fr.beffroi.ingest.command.CommandRequest;
import fr.beffroi.ingest.command.CommandService;
import fr.beffroi.profiles.unit.DurationText;
import io.vertx.core.Vertx;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.Set;

/**
 * The command API for people: {@code POST /api/v1/commands} issues one, {@code GET
 * /api/v1/commands/{id}} shows its status and audit trail. Bearer tokens ({@link UserAuthenticator});
 * only operators issue, and only for their own tenant's devices; anyone of the tenant reads.
 * Errors are JSON {@code {"error": <code>, "reason": <text>}}: 400 bad request, 401 no or bad
 * token, 403 not allowed, 404 unknown device or command, 409 id taken by another command, 503
 * database down. An issued (or re-posted) command answers 202 with the command as the ledger holds it.
 */
public final class CommandApi {
    private static final Logger LOG = LoggerFactory.getLogger(CommandApi.class);
    static final String PATH = "/api/v1/commands";
    private static final Set<String> FIELDS = Set.of("id", "tenant", "device", "point", "value", "expiresIn",
            "expiresAt");
    private static final int MAX_BODY_BYTES = 16 * 1024;

    private final BearerAuth auth;
    private final CommandService commands;
    private final Clock clock;

    public CommandApi(Vertx vertx, UserAuthenticator users, CommandService commands, Clock clock) {
        this.auth = new BearerAuth(vertx, users);
        this.commands = commands;
        this.clock = clock;
    }

    void mount(Router router) {
        router.post(PATH).handler(BodyHandler.create(false).setBodyLimit(MAX_BODY_BYTES)).handler(this::issue);
        router.get(PATH + "/:id").handler(this::get);
    }

    private void issue(RoutingContext ctx) {
        auth.authenticated(ctx, user -> {
            if (!user.operator()) {
                HttpAnswers.error(ctx, 403, "forbidden", "user " + user.name() + " is a viewer and may not issue commands");
                return;
            }
            CommandRequest request;
            try {
                request = parse(ctx, user);
            } catch (BadRequest e) {
                if (e.forbidden) {
                    HttpAnswers.error(ctx, 403, "forbidden", e.getMessage());
                } else {
                    HttpAnswers.error(ctx, 400, "bad_request", e.getMessage());
                }
                return;
            }
            commands.issue(request).onSuccess(record -> HttpAnswers.json(ctx, 202, toJson(record))).onFailure(e -> {
                if (e instanceof CommandRefused r) {
                    switch (r.kind()) {
                        case INVALID -> HttpAnswers.error(ctx, 400, "bad_request", r.getMessage());
                        case UNKNOWN_DEVICE -> HttpAnswers.error(ctx, 404, "unknown_device", r.getMessage());
                        case CONFLICT -> HttpAnswers.error(ctx, 409, "conflict", r.getMessage());
                    }
                } else {
                    LOG.warn("command of user {} (tenant {}) not issued: {}", user.name(), user.tenant(), e.toString());
                    HttpAnswers.error(ctx, 503, "unavailable", "the command ledger is unavailable; retry with the same id");
                }
            });
        });
    }

    private void get(RoutingContext ctx) {
        String id = ctx.pathParam("id");
        auth.authenticated(ctx, user -> commands.find(id).onSuccess(found -> {
            Optional<CommandRecord> mine = found.filter(r -> r.command().tenant().equals(user.tenant()));
            // Another tenant's command is answered as unknown: its existence is not theirs to learn.
            if (mine.isEmpty()) {
                HttpAnswers.error(ctx, 404, "unknown_command", "no command " + id);
            } else {
                HttpAnswers.json(ctx, 200, toJson(mine.get()));
            }
        }).onFailure(e -> HttpAnswers.error(ctx, 503, "unavailable", "the command ledger is unavailable")));
    }

    private CommandRequest parse(RoutingContext ctx, User user) throws BadRequest {
        JsonObject body;
        try {
            body = ctx.body().asJsonObject();
        } catch (DecodeException | ClassCastException e) {
            throw new BadRequest("body is not a JSON object", false);
        }
        if (body == null) throw new BadRequest("body is not a JSON object", false);
        for (String key : body.fieldNames()) {
            if (!FIELDS.contains(key)) throw new BadRequest("unknown field " + key + " (known: " + FIELDS + ")", false);
        }
        String tenant = text(body, "tenant", false);
        if (tenant != null && !tenant.equals(user.tenant())) {
            throw new BadRequest("user " + user.name() + " may not command devices of tenant " + tenant, true);
        }
        String id = text(body, "id", false);
        String device = text(body, "device", true);
        String point = text(body, "point", true);
        Object value = body.getValue("value");
        if (!(value instanceof Number n)) throw new BadRequest("value: a number is required", false);
        Instant expiresAt = expiry(body);
        return new CommandRequest(id, user.tenant(), device, point, n.doubleValue(), user.issuer(), expiresAt);
    }

    private Instant expiry(JsonObject body) throws BadRequest {
        String in = text(body, "expiresIn", false);
        String at = text(body, "expiresAt", false);
        if ((in == null) == (at == null)) throw new BadRequest("give exactly one of expiresIn or expiresAt", false);
        if (in != null) {
            try {
                return clock.instant().plus(DurationText.require(in));
            } catch (IllegalArgumentException e) {
                throw new BadRequest("expiresIn: " + e.getMessage(), false);
            }
        }
        try {
            return Instant.parse(at);
        } catch (DateTimeParseException e) {
            throw new BadRequest("expiresAt: not an ISO-8601 instant (2026-11-25T14:00:00Z): " + at, false);
        }
    }

    private static String text(JsonObject body, String key, boolean required) throws BadRequest {
        Object v = body.getValue(key);
        if (v == null) {
            if (required) throw new BadRequest(key + ": required", false);
            return null;
        }
        if (!(v instanceof String s) || s.isBlank()) throw new BadRequest(key + ": a non-empty string is required", false);
        return s;
    }

    static JsonObject toJson(CommandRecord r) {
        JsonArray events = new JsonArray();
        for (CommandEvent e : r.events()) {
            events.add(new JsonObject().put("status", e.status().name()).put("reason", e.reason())
                    .put("at", e.at().toString()).put("recordedAt", e.recordedAt().toString()));
        }
        return new JsonObject().put("id", r.command().id()).put("tenant", r.command().tenant())
                .put("gateway", r.gateway()).put("device", r.command().device()).put("point", r.command().point())
                .put("value", r.command().value()).put("issuedBy", r.command().issuedBy())
                .put("issuedAt", r.command().issuedAt().toString()).put("expiresAt", r.command().expiresAt().toString())
                .put("status", r.status().name()).put("reason", r.reason()).put("updatedAt", r.updatedAt().toString())
                .put("events", events);
    }

    private static final class BadRequest extends Exception {
        final boolean forbidden;

        BadRequest(String message, boolean forbidden) {
            super(message);
            this.forbidden = forbidden;
        }
    }
}
