package fr.beffroi.ingest.endpoint.http;

import fr.beffroi.ingest.auth.User;
import fr.beffroi.ingest.auth.UserAuthenticator;
import io.vertx.core.Vertx;
import io.vertx.ext.web.RoutingContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Objects;
import java.util.function.Consumer;

/**
 * The HTTP API's user check, shared by its routes: {@code Authorization: Bearer <name>:<secret>},
 * verified off the event loop (PBKDF2 is slow on purpose); a missing or wrong token answers 401 and
 * is logged without the token.
 */
final class BearerAuth {
    private static final Logger LOG = LoggerFactory.getLogger(BearerAuth.class);

    private final Vertx vertx;
    private final UserAuthenticator users;

    BearerAuth(Vertx vertx, UserAuthenticator users) {
        this.vertx = Objects.requireNonNull(vertx, "vertx");
        this.users = Objects.requireNonNull(users, "users");
    }

    /** Runs {@code then} with the authenticated user, or answers 401. */
    void authenticated(RoutingContext ctx, Consumer<User> then) {
        String token = UserAuthenticator.bearer(ctx.request().getHeader("Authorization"));
        if (token == null) {
            HttpAnswers.unauthorized(ctx, "missing bearer token");
            return;
        }
        vertx.executeBlocking(() -> users.authenticate(token), false).onComplete(ar -> {
            if (ar.failed() || ar.result().isEmpty()) {
                LOG.warn("HTTP {} {} from {} refused: invalid bearer token", ctx.request().method(),
                        ctx.request().path(), ctx.request().remoteAddress());
                HttpAnswers.unauthorized(ctx, "invalid bearer token");
                return;
            }
            then.accept(ar.result().get());
        });
    }
}
