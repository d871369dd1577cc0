package fr.beffroi.ingest.app;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import fr.beffroi.ingest.auth.Gateway;
import fr.beffroi.ingest.auth.GatewayAuthenticator;
import fr.beffroi.ingest.auth.SecretHash;
import fr.beffroi.ingest.auth.User;
import fr.beffroi.ingest.auth.UserAuthenticator;
import fr.beffroi.ingest.command.CommandLedger;
import fr.beffroi.ingest.command.CommandService;
import fr.beffroi.ingest.batch.Batcher;
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
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Connection;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

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
    private final int mqttPort;
    private final int httpPort;

    private IngestNode(HikariDataSource dataSource, Vertx vertx, Batcher batcher, MqttIngestServer mqtt,
                       HttpIngestServer http, IngestMetrics metrics, CommandService commands, int mqttPort,
                       int httpPort) {
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
        try {
            Migrations.apply(dataSource);
            IngestMetrics metrics = new IngestMetrics();
            ReadingStore store = new ReadingStore(dataSource, clock);
            batcher = new Batcher(store::write, metrics, config.batch().maxRows(), config.batch().maxDelay(),
                    config.batch().writers());
            vertx = Vertx.vertx();
            GatewayAuthenticator authenticator = authenticator(config);
            Intake intake = new Intake(vertx, new BatchDecoder(), batcher, new DeadLetterStore(dataSource), metrics,
                    clock);
            CommandService commands = new CommandService(vertx,
                    new CommandLedger(dataSource, clock, config.commands().maxLifetime()), intake);
            MqttIngestServer mqtt = new MqttIngestServer(vertx, authenticator, intake, metrics, commands);
            HttpIngestServer http = new HttpIngestServer(vertx, authenticator, intake, metrics, () -> {
                try (Connection c = dataSource.getConnection()) {
                    return c.isValid(2);
                }
            }, new CommandApi(vertx, users(config), commands, clock));
            int mqttPort = await(mqtt.listen(config.mqtt().host(), config.mqtt().port(), config.mqtt().maxMessageBytes()));
            int httpPort = await(http.listen(config.http().host(), config.http().port(), config.http().maxBodyBytes()));
            commands.startSweep(config.commands().sweepPeriod());
            LOG.info("ingest node up: MQTT on {}:{}, HTTP on {}:{}, {} gateways, {} users, {} writers, database {} as {}",
                    config.mqtt().host(), mqttPort, config.http().host(), httpPort, config.gateways().size(),
                    config.users().size(), config.batch().writers(), config.jdbc().url(), config.jdbc().user());
            return new IngestNode(dataSource, vertx, batcher, mqtt, http, metrics, commands, mqttPort, httpPort);
        } catch (Exception e) {
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

    /** Stops accepting, fails what is still queued (the gateways resend), closes the pool. */
    @Override
    public void close() {
        commands.close();
        try {
            await(Future.join(mqtt.close(), http.close()));
        } catch (Exception e) {
            LOG.warn("endpoints did not close cleanly: {}", e.toString());
        }
        batcher.close();
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
        // One connection per writer, plus dead letters and health checks.
        h.setMaximumPoolSize(config.batch().writers() + 3);
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
}
