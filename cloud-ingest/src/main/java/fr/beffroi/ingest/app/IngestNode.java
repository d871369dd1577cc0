package fr.beffroi.ingest.app;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import fr.beffroi.ingest.access.AllowLists;
import fr.beffroi.ingest.access.RoomDoors;
import fr.beffroi.ingest.auth.Gateway;
import fr.beffroi.ingest.auth.GatewayAuthenticator;
import fr.beffroi.ingest.auth.SecretHash;
import fr.beffroi.ingest.auth.User;
import fr.beffroi.ingest.auth.UserAuthenticator;
import fr.beffroi.ingest.command.CommandLedger;
import fr.beffroi.ingest.command.CommandService;
import fr.beffroi.ingest.batch.Batcher;
import fr.beffroi.ingest.booking.BookingService;
import fr.beffroi.ingest.booking.BookingStore;
import fr.beffroi.ingest.endpoint.http.AlertApi;
import fr.beffroi.ingest.endpoint.http.BookingApi;
import fr.beffroi.ingest.rule.AlertStore;
import fr.beffroi.ingest.rule.CloudActionSink;
import fr.beffroi.ingest.rule.CloudRules;
import fr.beffroi.ingest.decode.BatchDecoder;
import fr.beffroi.ingest.decode.Intake;
import fr.beffroi.ingest.endpoint.http.CommandApi;
import fr.beffroi.ingest.endpoint.http.HttpIngestServer;
import fr.beffroi.ingest.endpoint.mqtt.MqttIngestServer;
import fr.beffroi.ingest.metrics.IngestMetrics;
import fr.beffroi.ingest.store.DeadLetterStore;
import fr.beffroi.ingest.store.Migrations;
import fr.beffroi.ingest.store.ReadingStore;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.net.PemKeyCertOptions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Connection;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The composition root of the ingest deployable: builds every stage from an {@link IngestConfig},
 * migrates the schema, then opens the MQTT and HTTP endpoints. Nothing else creates collaborators.
 */
public final class IngestNode implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(IngestNode.class);
    private static final long START_TIMEOUT_SECONDS = 30;

    private final HikariDataSource dataSource;
    private final Vertx vertx;
    private final Batcher batcher;
    private final MqttIngestServer mqtt;
    private final HttpIngestServer http;
    private final IngestMetrics metrics;
    private final CommandService commands;
    private final CloudRules rules;
    private final BookingService bookings;
    private final AllowLists allowLists;
    private final int mqttPort;
    private final int httpPort;

    private IngestNode(HikariDataSource dataSource, Vertx vertx, Batcher batcher, MqttIngestServer mqtt,
                       HttpIngestServer http, IngestMetrics metrics, CommandService commands, CloudRules rules,
                       BookingService bookings, AllowLists allowLists, int mqttPort, int httpPort) {
        this.rules = rules;
        this.bookings = bookings;
        this.allowLists = allowLists;
        this.dataSource = dataSource;
        this.vertx = vertx;
        this.batcher = batcher;
        this.mqtt = mqtt;
        this.http = http;
        this.metrics = metrics;
        this.commands = commands;
        this.mqttPort = mqttPort;
        this.httpPort = httpPort;
    }

    /** Validates the config, migrates the database and starts both endpoints; blocks until they listen. */
    public static IngestNode start(IngestConfig config) throws Exception {
        return start(config, Clock.systemUTC());
    }

    public static IngestNode start(IngestConfig config, Clock clock) throws Exception {
        config.validate();
        HikariDataSource dataSource = dataSource(config);
        Vertx vertx = null;
        Batcher batcher = null;
        AtomicReference<CloudRules> rulesRef = new AtomicReference<>(CloudRules.none());
        AllowLists allowLists = null;
        try {
            Migrations.apply(dataSource);
            IngestMetrics metrics = new IngestMetrics();
            ReadingStore store = new ReadingStore(dataSource, clock);
            // The rules see a batch only once its transaction committed.
            batcher = new Batcher(batches -> {
                var acks = store.write(batches);
                rulesRef.get().committed(batches, acks);
                return acks;
            }, metrics, config.batch().maxRows(), config.batch().maxDelay(),
                    config.batch().writers());
            vertx = Vertx.vertx();
            GatewayAuthenticator authenticator = authenticator(config);
            Intake intake = new Intake(vertx, new BatchDecoder(), batcher, new DeadLetterStore(dataSource), metrics,
                    clock);
            CommandService commands = new CommandService(vertx,
                    new CommandLedger(dataSource, clock, config.commands().maxLifetime()), intake, metrics);
            AlertStore alerts = new AlertStore(dataSource, clock);
            BookingStore bookingStore = new BookingStore(dataSource, clock);
            BookingService bookings = new BookingService(vertx, bookingStore);
            if (config.rules().dir() != null) {
                rulesRef.set(CloudRules.load(config.rules().dir(), dataSource,
                        new CloudActionSink(vertx, commands, alerts, metrics, clock), clock,
                        config.rules().tickPeriod(), metrics));
                rulesRef.get().start(bookingStore.notEnded(clock.instant()));
            }
            CloudRules rules = rulesRef.get();
            allowLists = new AllowLists(vertx, dataSource, bookingStore, new RoomDoors(config.rooms()), clock,
                    config.access().horizon());
            bookings.listen(rules);
            bookings.listen(allowLists);
            MqttIngestServer mqtt = new MqttIngestServer(vertx, authenticator, intake, metrics, commands, allowLists);
            HttpIngestServer http = new HttpIngestServer(vertx, authenticator, intake, metrics, () -> {
                try (Connection c = dataSource.getConnection()) {
                    return c.isValid(2);
                }
            }, new CommandApi(vertx, users(config), commands, clock),
                    new BookingApi(vertx, users(config), bookings, clock),
                    new AlertApi(vertx, users(config), alerts, clock));
            int mqttPort = await(mqtt.listen(config.mqtt().host(), config.mqtt().port(), config.mqtt().maxMessageBytes(),
                    config.mqtt().tls().map(IngestNode::keyCert)));
            int httpPort = await(http.listen(config.http().host(), config.http().port(), config.http().maxBodyBytes(),
                    config.http().tls().map(IngestNode::keyCert)));
            warnWhenInClear("mqtt", config.mqtt().host(), config.mqtt().tls().isPresent(), "gateways' secrets");
            warnWhenInClear("http", config.http().host(), config.http().tls().isPresent(),
                    "gateways' secrets and users' bearer tokens");
            commands.startSweep(config.commands().sweepPeriod());
            allowLists.startRepublish(config.access().republishPeriod());
            LOG.info("ingest node up: MQTT{} on {}:{}, HTTP{} on {}:{}, {} gateways, {} users, {} rooms with doors, cloud"
                            + " rules from {}, {} writers, database {} as {}",
                    config.mqtt().tls().isPresent() ? " over TLS" : "", config.mqtt().host(), mqttPort,
                    config.http().tls().isPresent() ? "S" : "", config.http().host(), httpPort, config.gateways().size(),
                    config.users().size(), config.rooms().size(), config.rules().dir(), config.batch().writers(), config.jdbc().url(), config.jdbc().user());
            return new IngestNode(dataSource, vertx, batcher, mqtt, http, metrics, commands, rules, bookings,
                    allowLists, mqttPort, httpPort);
        } catch (Exception e) {
            if (allowLists != null) allowLists.close();
            rulesRef.get().close();
            if (vertx != null) vertx.close();
            if (batcher != null) batcher.close();
            dataSource.close();
            throw e;
        }
    }

    /** The MQTT port actually bound (the configured one, or the one picked for port 0). */
    public int mqttPort() {
        return mqttPort;
    }

    /** The HTTP port actually bound. */
    public int httpPort() {
        return httpPort;
    }

    public IngestMetrics metrics() {
        return metrics;
    }

    /** The command API the cloud rules engine calls; see {@link CommandService}. */
    public CommandService commands() {
        return commands;
    }

    /** The cloud rules engines (one per tenant with a rule file). */
    public CloudRules rules() {
        return rules;
    }

    /** The bookings (what the HTTP API calls). */
    public BookingService bookings() {
        return bookings;
    }

    /** The doors' allow-lists. */
    public AllowLists allowLists() {
        return allowLists;
    }

    /** Stops accepting, fails what is still queued (the gateways resend), closes the pool. */
    @Override
    public void close() {
        commands.close();
        allowLists.close();
        try {
            await(Future.join(mqtt.close(), http.close()));
        } catch (Exception e) {
            LOG.warn("endpoints did not close cleanly: {}", e.toString());
        }
        batcher.close();
        rules.close();
        try {
            await(vertx.close());
        } catch (Exception e) {
            LOG.warn("Vert.x did not close cleanly: {}", e.toString());
        }
        dataSource.close();
        LOG.info("ingest node stopped");
    }

    private static HikariDataSource dataSource(IngestConfig config) {
        HikariConfig h = new HikariConfig();
        h.setPoolName("ingest");
        h.setJdbcUrl(config.jdbc().url());
        h.setUsername(config.jdbc().user());
        h.setPassword(config.jdbc().password());
        // One connection per writer, plus dead letters, health checks, rule states, alerts and bookings.
        h.setMaximumPoolSize(config.batch().writers() + 6);
        h.setMinimumIdle(1);
        h.setConnectionTimeout(config.jdbc().connectTimeout().toMillis());
        h.setValidationTimeout(Math.min(config.jdbc().connectTimeout().toMillis(), 2_000));
        h.addDataSourceProperty("connectTimeout", Math.max(1, config.jdbc().connectTimeout().toSeconds()));
        h.addDataSourceProperty("ApplicationName", "beffroi-ingest");
        return new HikariDataSource(h);
    }

    private static GatewayAuthenticator authenticator(IngestConfig config) {
        Map<String, GatewayAuthenticator.Entry> byId = new HashMap<>();
        for (IngestConfig.GatewayEntry g : config.gateways()) {
            byId.put(g.id(), new GatewayAuthenticator.Entry(new Gateway(g.id(), g.tenant()),
                    SecretHash.parse(g.secretHash())));
        }
        return new GatewayAuthenticator(byId);
    }

    private static UserAuthenticator users(IngestConfig config) {
        Map<String, UserAuthenticator.Entry> byName = new HashMap<>();
        for (IngestConfig.UserEntry u : config.users()) {
            byName.put(u.name(), new UserAuthenticator.Entry(
                    new User(u.name(), u.tenant(), u.role() == IngestConfig.Role.OPERATOR), SecretHash.parse(u.tokenHash())));
        }
        return new UserAuthenticator(byName);
    }

    private static <T> T await(Future<T> future) throws Exception {
        return future.toCompletionStage().toCompletableFuture().get(START_TIMEOUT_SECONDS, TimeUnit.SECONDS);
    }

    /** A server's TLS identity for Vert.x, from the config's PEM files. */
    private static PemKeyCertOptions keyCert(IngestConfig.Tls tls) {
        return new PemKeyCertOptions().setCertPath(tls.certificate().toString()).setKeyPath(tls.privateKey().toString());
    }

    /** Plain TCP beyond loopback: allowed (a TLS proxy may sit in front), but never silently. */
    private static void warnWhenInClear(String server, String host, boolean tls, String what) {
        if (tls || host.equals("localhost") || host.startsWith("127.") || host.equals("::1")) return;
        LOG.warn("{} listens on {} without TLS: {} cross the network in clear unless a TLS proxy terminates in front;"
                + " set {}.tls to serve TLS here", server, host, what, server);
    }
}
