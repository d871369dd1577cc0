package fr.beffroi.ingest.endpoint.http;

import fr.beffroi.ingest.auth.User;
import fr.beffroi.ingest.auth.UserAuthenticator;
import fr.beffroi.ingest.booking.BookingRecord;
import fr.beffroi.ingest.booking.BookingRules;
import fr.beffroi.ingest.booking.BookingService;
import io.vertx.core.Future;
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
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

/**
 * The booking API: {@code POST /api/v1/bookings} books a room, {@code PUT /api/v1/bookings/{id}}
 * moves its slot, {@code DELETE /api/v1/bookings/{id}} cancels it, {@code GET /api/v1/bookings/{id}}
 * and {@code GET /api/v1/bookings?room=&from=&to=} read. Same bearer users as the command API:
 * operators write, anyone of the tenant reads; the tenant is always the user's, and another
 * tenant's booking is 404. Errors are {@code {"error", "reason"}} as in {@link CommandApi}.
 */
public final class BookingApi {
    private static final Logger LOG = LoggerFactory.getLogger(BookingApi.class);
    static final String PATH = "/api/v1/bookings";
    private static final Set<String> CREATE_FIELDS = Set.of("tenant", "room", "start", "end", "badge", "code");
    private static final Set<String> UPDATE_FIELDS = Set.of("start", "end");
    private static final int MAX_BODY_BYTES = 16 * 1024;

    private final BearerAuth auth;
    private final BookingService bookings;
    private final Clock clock;

    public BookingApi(Vertx vertx, UserAuthenticator users, BookingService bookings, Clock clock) {
        this.auth = new BearerAuth(vertx, users);
        this.bookings = bookings;
        this.clock = clock;
    }

    void mount(Router router) {
        BodyHandler body = BodyHandler.create(false).setBodyLimit(MAX_BODY_BYTES);
        router.post(PATH).handler(body).handler(this::create);
        router.put(PATH + "/:id").handler(body).handler(this::reschedule);
        router.delete(PATH + "/:id").handler(this::cancel);
        router.get(PATH + "/:id").handler(this::get);
        router.get(PATH).handler(this::list);
    }

    private void create(RoutingContext ctx) {
        operator(ctx, user -> {
            JsonObject body = body(ctx, CREATE_FIELDS);
            if (body == null) return;
            String tenant = body.getValue("tenant") instanceof String t ? t : null;
            if (tenant != null && !tenant.equals(user.tenant())) {
                HttpAnswers.error(ctx, 403, "forbidden", "user " + user.name() + " may not book rooms of tenant " + tenant);
                return;
            }
            List<String> p = new ArrayList<>();
            String room = string(body, "room", p);
            p.addAll(BookingRules.roomProblems(room));
            Instant start = instant(body, "start", p);
            Instant end = instant(body, "end", p);
            if (start != null && end != null) p.addAll(BookingRules.slotProblems(start, end, clock.instant()));
            String credential = null;
            try {
                credential = BookingRules.credential(string(body, "badge", p), string(body, "code", p));
            } catch (IllegalArgumentException e) {
                p.add(e.getMessage());
            }
            if (!p.isEmpty()) {
                HttpAnswers.error(ctx, 400, "bad_request", String.join("; ", p));
                return;
            }
            answer(ctx, user, bookings.create(user.tenant(), room, start, end, credential, user.issuer())
                    .map(Optional::of), 201);
        });
    }

    private void reschedule(RoutingContext ctx) {
        operator(ctx, user -> {
            JsonObject body = body(ctx, UPDATE_FIELDS);
            if (body == null) return;
            List<String> p = new ArrayList<>();
            Instant start = instant(body, "start", p);
            Instant end = instant(body, "end", p);
            if (start == null && !p.contains("start: required")) p.add("start: required");
            if (end == null && !p.contains("end: required")) p.add("end: required");
            if (start != null && end != null) p.addAll(BookingRules.slotProblems(start, end, clock.instant()));
            if (!p.isEmpty()) {
                HttpAnswers.error(ctx, 400, "bad_request", String.join("; ", p));
                return;
            }
            String id = ctx.pathParam("id");
            // Unknown, another tenant's, or cancelled: none can be moved.
            answer(ctx, user, bookings.reschedule(user.tenant(), id, start, end, user.issuer()), 200);
        });
    }

    private void cancel(RoutingContext ctx) {
        operator(ctx, user -> answer(ctx, user, bookings.cancel(user.tenant(), ctx.pathParam("id"), user.issuer()), 200));
    }

    private void get(RoutingContext ctx) {
        auth.authenticated(ctx, user -> answer(ctx, user, bookings.find(user.tenant(), ctx.pathParam("id")), 200));
    }

    private void list(RoutingContext ctx) {
        auth.authenticated(ctx, user -> {
            List<String> p = new ArrayList<>();
            String room = ctx.queryParams().get("room");
            if (room != null) p.addAll(BookingRules.roomProblems(room));
            Instant from = HttpAnswers.instantParam(ctx, "from", p);
            Instant to = HttpAnswers.instantParam(ctx, "to", p);
            if (!p.isEmpty()) {
                HttpAnswers.error(ctx, 400, "bad_request", String.join("; ", p));
                return;
            }
            bookings.list(user.tenant(), room, from, to).onSuccess(found -> {
                JsonArray out = new JsonArray();
                found.forEach(b -> out.add(toJson(b)));
                HttpAnswers.json(ctx, 200, new JsonObject().put("bookings", out));
            }).onFailure(e -> unavailable(ctx, user, e));
        });
    }

    private void answer(RoutingContext ctx, User user, Future<Optional<BookingRecord>> result, int status) {
        result.onSuccess(found -> {
            if (found.isEmpty()) {
                HttpAnswers.error(ctx, 404, "unknown_booking", "no standing booking " + ctx.pathParam("id"));
            } else {
                HttpAnswers.json(ctx, status, toJson(found.get()));
            }
        }).onFailure(e -> unavailable(ctx, user, e));
    }

    private static void unavailable(RoutingContext ctx, User user, Throwable e) {
        LOG.warn("booking request {} {} of user {} (tenant {}) failed: {}", ctx.request().method(), ctx.request().path(),
                user.name(), user.tenant(), e.toString());
        HttpAnswers.error(ctx, 503, "unavailable", "the booking store is unavailable");
    }

    static JsonObject toJson(BookingRecord b) {
        return new JsonObject().put("id", b.id()).put("tenant", b.tenant()).put("room", b.room())
                .put("start", b.start().toString()).put("end", b.end().toString()).put("badge", b.badge())
                .put("createdBy", b.createdBy()).put("createdAt", b.createdAt().toString())
                .put("updatedAt", b.updatedAt().toString())
                .put("cancelledAt", b.cancelledAt() == null ? null : b.cancelledAt().toString());
    }

    private static JsonObject body(RoutingContext ctx, Set<String> fields) {
        JsonObject body;
        try {
            body = ctx.body().asJsonObject();
        } catch (DecodeException | ClassCastException e) {
            body = null;
        }
        if (body == null) {
            HttpAnswers.error(ctx, 400, "bad_request", "body is not a JSON object");
            return null;
        }
        for (String key : body.fieldNames()) {
            if (!fields.contains(key)) {
                HttpAnswers.error(ctx, 400, "bad_request", "unknown field " + key + " (known: " + fields + ")");
                return null;
            }
        }
        return body;
    }

    private static String string(JsonObject body, String key, List<String> p) {
        Object v = body.getValue(key);
        if (v == null) return null;
        if (!(v instanceof String s) || s.isBlank()) {
            p.add(key + ": a non-empty string is required");
            return null;
        }
        return s;
    }

    private static Instant instant(JsonObject body, String key, List<String> p) {
        Object v = body.getValue(key);
        if (v == null) {
            p.add(key + ": required");
            return null;
        }
        return HttpAnswers.instant(key, v instanceof String s ? s : String.valueOf(v), p);
    }

    private void operator(RoutingContext ctx, Consumer<User> then) {
        auth.authenticated(ctx, user -> {
            if (!user.operator()) {
                HttpAnswers.error(ctx, 403, "forbidden", "user " + user.name() + " is a viewer and may not change bookings");
                return;
            }
            then.accept(user);
        });
    }

}
