package fr.beffroi.ingest.endpoint.http;

import fr.beffroi.ingest.ack.Answers;
import fr.beffroi.ingest.ack.IngestOutcome;
import fr.beffroi.ingest.auth.GatewayAuthenticator;
import fr.beffroi.ingest.decode.Intake;
import fr.beffroi.ingest.metrics.IngestMetrics;
import fr.beffroi.profiles.wire.WireCodec;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.net.PemKeyCertOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;

/**
 * The HTTP endpoint: {@code POST /api/v1/readings} for gateways that cannot hold an MQTT session
 * (Basic auth with the gateway id and secret, answered only once the outcome is durable),
 * the command API ({@link CommandApi}), the booking API ({@link BookingApi}), {@code GET /health} and {@code GET /metrics}.
 */
public final class HttpIngestServer {
    private static final Logger LOG = LoggerFactory.getLogger(HttpIngestServer.class);
    static final String ENDPOINT = "http";
    static final String READINGS_PATH = "/api/v1/readings";
    private static final String JSON = "application/json";

    private final Vertx vertx;
    private final GatewayAuthenticator authenticator;
    private final Intake intake;
    private final IngestMetrics metrics;
    private final Callable<Boolean> databaseUp;
    private final CommandApi commandApi;
    private final BookingApi bookingApi;
    private final AlertApi alertApi;
    private HttpServer server;

    /**
     * @param databaseUp a blocking check that the database answers (run on a worker thread)
     * @param commandApi the command routes, mounted beside the readings route
     */
    public HttpIngestServer(Vertx vertx, GatewayAuthenticator authenticator, Intake intake, IngestMetrics metrics,
                            Callable<Boolean> databaseUp, CommandApi commandApi) {
        this(vertx, authenticator, intake, metrics, databaseUp, commandApi, null, null);
    }

    /**
     * @param bookingApi the booking routes; null = none
     * @param alertApi   the alert routes; null = none
     */
    public HttpIngestServer(Vertx vertx, GatewayAuthenticator authenticator, Intake intake, IngestMetrics metrics,
                            Callable<Boolean> databaseUp, CommandApi commandApi, BookingApi bookingApi,
                            AlertApi alertApi) {
        this.vertx = vertx;
        this.commandApi = commandApi;
        this.bookingApi = bookingApi;
        this.alertApi = alertApi;
        this.authenticator = authenticator;
        this.intake = intake;
        this.metrics = metrics;
        this.databaseUp = databaseUp;
    }

    /**
     * Starts listening; completes with the bound port.
     *
     * @param tls the server's certificate and key for HTTPS; empty for plain HTTP
     */
    public Future<Integer> listen(String host, int port, int maxBodyBytes, Optional<PemKeyCertOptions> tls) {
        Router router = Router.router(vertx);
        router.post(READINGS_PATH).handler(BodyHandler.create(false).setBodyLimit(maxBodyBytes))
                .handler(this::readings);
        commandApi.mount(router);
        if (bookingApi != null) bookingApi.mount(router);
        if (alertApi != null) alertApi.mount(router);
        router.get("/health").handler(this::health);
        router.get("/metrics").handler(this::metrics);
        HttpServerOptions options = new HttpServerOptions();
        tls.ifPresent(keyCert -> options.setSsl(true).setKeyCertOptions(keyCert));
        server = vertx.createHttpServer(options);
        return server.requestHandler(router).listen(port, host).map(HttpServer::actualPort);
    }

    public Future<Void> close() {
        return server == null ? Future.succeededFuture() : server.close();
    }

    private void readings(RoutingContext ctx) {
        String[] credentials = basicCredentials(ctx.request().getHeader("Authorization"));
        String user = credentials == null ? null : credentials[0];
        String secret = credentials == null ? null : credentials[1];
        byte[] payload = ctx.body().buffer() == null ? new byte[0] : ctx.body().buffer().getBytes();
        vertx.executeBlocking(() -> authenticator.authenticate(user, secret), false).onComplete(ar -> {
            if (ar.failed() || ar.result().gateway() == null) {
                String reason = ar.failed() ? "error" : ar.result().failure().name().toLowerCase(Locale.ROOT);
                metrics.authFailure(ENDPOINT, reason);
                LOG.warn("HTTP batch from {} refused for gateway {}: {}", ctx.request().remoteAddress(), user, reason);
                ctx.response().setStatusCode(401).putHeader("WWW-Authenticate", "Basic realm=\"beffroi\"")
                        .putHeader("Content-Type", JSON).end(new JsonObject().put("reason", "unauthorized").encode());
                return;
            }
            intake.ingest(ENDPOINT, ar.result().gateway(), READINGS_PATH, payload)
                    .onSuccess(outcome -> answer(ctx, outcome))
                    .onFailure(e -> answer(ctx, IngestOutcome.failed(e.toString())));
        });
    }

    private static void answer(RoutingContext ctx, IngestOutcome outcome) {
        int status = Answers.httpStatus(outcome);
        var response = ctx.response().setStatusCode(status).putHeader("Content-Type", JSON);
        if (outcome.kind() == IngestOutcome.Kind.FAILED) response.putHeader("Retry-After", "5");
        if (outcome.ack() != null) {
            response.end(Buffer.buffer(WireCodec.encode(outcome.ack())));
        } else {
            response.end(new JsonObject().put("reason", outcome.reason()).encode());
        }
    }

    private void health(RoutingContext ctx) {
        vertx.executeBlocking(databaseUp, false).onComplete(ar -> {
            boolean up = ar.succeeded() && Boolean.TRUE.equals(ar.result());
            ctx.response().setStatusCode(up ? 200 : 503).putHeader("Content-Type", JSON)
                    .end(new JsonObject().put("status", up ? "UP" : "DOWN").put("db", up ? "UP" : "DOWN").encode());
        });
    }

    private void metrics(RoutingContext ctx) {
        IngestMetrics.Scrape scrape = metrics.scrape(ctx.request().getHeader("Accept"));
        ctx.response().putHeader("Content-Type", scrape.contentType()).end(Buffer.buffer(scrape.body()));
    }

    /** {@code [id, secret]} from an {@code Authorization: Basic …} header (RFC 7617), or null. */
    static String[] basicCredentials(String header) {
        if (header == null || !header.regionMatches(true, 0, "Basic ", 0, 6)) return null;
        String decoded;
        try {
            decoded = new String(Base64.getDecoder().decode(header.substring(6).trim()), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return null;
        }
        int colon = decoded.indexOf(':');
        if (colon < 0) return null;
        return new String[] {decoded.substring(0, colon), decoded.substring(colon + 1)};
    }
}
