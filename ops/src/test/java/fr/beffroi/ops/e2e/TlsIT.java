package fr.beffroi.ops.e2e;

import fr.beffroi.edge.app.ConfigLoader;
import fr.beffroi.edge.app.EdgeAgent;
import fr.beffroi.edge.buffer.ReadingBuffer;
import fr.beffroi.edge.buffer.WhenFull;
import fr.beffroi.edge.uplink.TrustedCa;
import fr.beffroi.ingest.app.IngestConfig;
import fr.beffroi.ingest.app.IngestNode;
import fr.beffroi.ingest.auth.SecretHash;
import fr.beffroi.ops.embed.EmbeddedDatabase;
import fr.beffroi.profiles.wire.Quality;
import fr.beffroi.profiles.wire.Reading;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * MQTT and HTTP over TLS end to end: the ingest serves a certificate made for 127.0.0.1, a gateway
 * trusting that CA ({@code uplink.tls.ca}) delivers its buffer over {@code ssl://}; a gateway that
 * does not trust it never connects and keeps every reading; HTTPS answers with the same identity.
 */
class TlsIT {
    private static final String TENANT = Spine.TENANT;
    private static final String SECRET = "gateway-secret-over-tls";
    private static final int READINGS = 500;

    @TempDir
    Path dir;
    private SelfSignedTls tls;
    private EmbeddedDatabase db;
    private IngestNode ingest;
    private final List<EdgeAgent> agents = new ArrayList<>();

    @BeforeEach
    void start() throws Exception {
        tls = SelfSignedTls.create(dir, "ingest");
        db = EmbeddedDatabase.start(null);
        IngestConfig.Tls identity = new IngestConfig.Tls(tls.certificate(), tls.privateKey());
        ingest = IngestNode.start(IngestConfig.of(IngestConfig.Jdbc.of(db.jdbcUrl(), EmbeddedDatabase.USER,
                                EmbeddedDatabase.USER),
                        List.of(new IngestConfig.GatewayEntry("gw-trusting", TENANT, SecretHash.of(SECRET, 1_000)),
                                new IngestConfig.GatewayEntry("gw-doubting", TENANT, SecretHash.of(SECRET, 1_000))))
                .withMqtt(new IngestConfig.Mqtt("127.0.0.1", 0, 4 * 1024 * 1024, Optional.of(identity)))
                .withHttp(new IngestConfig.Http("127.0.0.1", 0, 4 * 1024 * 1024, Optional.of(identity))));
    }

    @AfterEach
    void stop() {
        agents.forEach(EdgeAgent::close);
        if (ingest != null) ingest.close();
        if (db != null) db.close();
    }

    @Test
    void aGatewayTrustingTheIngestsCaDeliversItsBufferOverTls() throws Exception {
        EdgeAgent agent = agent("gw-trusting", "tls: { ca: " + tls.certificate() + " }");

        await().atMost(Duration.ofSeconds(60)).until(() -> agent.stats().buffered() == 0);
        assertThat(stored("gw-trusting")).isEqualTo(READINGS);
        assertThat(agent.stats().connected()).isTrue();
    }

    @Test
    void aGatewayNotTrustingTheCertificateNeverConnectsAndKeepsItsReadings() throws Exception {
        // ssl:// with the JVM's default authorities, which never signed this certificate.
        EdgeAgent agent = agent("gw-doubting", "");

        Thread.sleep(3_000);
        assertThat(agent.stats().connected()).isFalse();
        assertThat(agent.stats().buffered()).isEqualTo(READINGS);
        assertThat(stored("gw-doubting")).isZero();
    }

    @Test
    void httpsServesTheSameIdentity() throws Exception {
        KeyStore trusted = KeyStore.getInstance(KeyStore.getDefaultType());
        trusted.load(null, null);
        try (var in = Files.newInputStream(tls.certificate())) {
            trusted.setCertificateEntry("ingest", CertificateFactory.getInstance("X.509").generateCertificate(in));
        }
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trusted);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, tmf.getTrustManagers(), null);
        HttpClient client = HttpClient.newBuilder().sslContext(context).connectTimeout(Duration.ofSeconds(10)).build();

        HttpResponse<String> health = client.send(HttpRequest.newBuilder(
                URI.create("https://127.0.0.1:" + ingest.httpPort() + "/health")).build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(health.statusCode()).isEqualTo(200);
        // And the same PEM makes the gateway's socket factory without complaint.
        assertThat(TrustedCa.socketFactory(tls.certificate())).isNotNull();
    }

    private EdgeAgent agent(String gateway, String tlsLine) throws Exception {
        Path folder = Files.createDirectories(dir.resolve(gateway));
        Path buffer = folder.resolve("buffer.db");
        try (ReadingBuffer b = ReadingBuffer.open(buffer, 10_000, WhenFull.REFUSE_NEW, Clock.systemUTC(),
                new PrometheusRegistry())) {
            List<Reading> readings = new ArrayList<>();
            Instant t = Instant.now();
            for (int i = 0; i < READINGS; i++) {
                readings.add(new Reading(0, "pv-1", "W", t.plusMillis(i), 1000 + i, "W", Quality.GOOD));
            }
            b.append(readings);
        }
        Path file = folder.resolve("gateway.yaml");
        Files.writeString(file, """
                gateway: { id: %s, tenant: %s }
                uplink:
                  url: ssl://127.0.0.1:%d
                  password: { env: GW_PASSWORD }
                  %s
                  ackTimeout: 5s
                  reconnect: { backoffMin: 200ms, backoffMax: 1s }
                buffer: { path: %s }
                """.formatted(gateway, TENANT, ingest.mqttPort(), tlsLine, buffer));
        EdgeAgent agent = new EdgeAgent(ConfigLoader.load(file), (d, ctx) -> {
            throw new IllegalStateException("no devices");
        }, Clock.systemUTC(), name -> "GW_PASSWORD".equals(name) ? SECRET : null);
        agents.add(agent);
        agent.start();
        return agent;
    }

    private long stored(String gateway) throws Exception {
        try (Connection c = db.dataSource().getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("select count(*) from reading where gateway = '" + gateway + "'")) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
