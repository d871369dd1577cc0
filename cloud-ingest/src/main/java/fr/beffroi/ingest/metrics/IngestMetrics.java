package fr.beffroi.ingest.metrics;

import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.expositionformats.ExpositionFormatWriter;
import io.prometheus.metrics.expositionformats.ExpositionFormats;
import io.prometheus.metrics.model.registry.PrometheusRegistry;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * The node's counters, each message counted once under its outcome (Prometheus client_java 1.x,
 * a registry of its own so that two nodes in one JVM — tests — do not share counts).
 */
public final class IngestMetrics {
    /** What became of a batch (and of each of its readings). */
    public enum Outcome {
        /** Committed; for readings: newly stored. */
        STORED,
        /** Committed, but every reading (for readings: this reading) was already stored. */
        DUPLICATE,
        /** Malformed or breaking the contract: kept in dead_letter, REJECTED. */
        DEAD_LETTERED,
        /** Not authorised (another gateway's topic or identity): kept in dead_letter, refused. */
        REJECTED,
        /** The database failed; nothing acknowledged, the gateway resends. */
        FAILED;

        public String label() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    private final PrometheusRegistry registry = new PrometheusRegistry();
    private final ExpositionFormats formats = ExpositionFormats.init();
    private final Counter batches = Counter.builder().name("beffroi_ingest_batches")
            .help("Reading batches received, by endpoint and outcome").labelNames("endpoint", "outcome")
            .register(registry);
    private final Counter readings = Counter.builder().name("beffroi_ingest_readings")
            .help("Readings received, by endpoint and outcome").labelNames("endpoint", "outcome")
            .register(registry);
    private final Counter authFailures = Counter.builder().name("beffroi_ingest_auth_failures")
            .help("Refused gateway authentications, by endpoint and reason").labelNames("endpoint", "reason")
            .register(registry);
    private final Histogram batchSize = Histogram.builder().name("beffroi_ingest_batch_readings")
            .help("Readings per received batch").classicOnly()
            .classicUpperBounds(1, 10, 50, 100, 500, 1_000, 5_000, 10_000, 50_000)
            .register(registry);
    private final Histogram commitSeconds = Histogram.builder().name("beffroi_ingest_commit_seconds")
            .help("Duration of one write transaction, COPY to commit").classicOnly()
            .classicUpperBounds(0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10)
            .register(registry);
    private final Histogram transactionRows = Histogram.builder().name("beffroi_ingest_transaction_readings")
            .help("Readings per write transaction").classicOnly()
            .classicUpperBounds(1, 10, 100, 1_000, 5_000, 10_000, 50_000, 100_000)
            .register(registry);

    private final Counter ruleActions = Counter.builder().name("beffroi_rule_actions")
            .help("Actions of the cloud rules, by kind (command, alert) and outcome (issued, refused, failed, recorded)")
            .labelNames("tenant", "kind", "outcome").register(registry);
    private final Histogram ruleLag = Histogram.builder().name("beffroi_rule_evaluation_lag_seconds")
            .help("From a batch's commit (or a booking change) to its evaluation by the cloud rules").classicOnly()
            .classicUpperBounds(0.001, 0.005, 0.01, 0.05, 0.1, 0.5, 1, 5, 10, 60)
            .register(registry);

    private final Counter commands = Counter.builder().name("beffroi_ingest_commands")
            .help("Command stages: issued and refused (requests, repeats included), sent (pushes to the gateway,"
                    + " resends included), accepted, executed and failed (new results from gateways), expired")
            .labelNames("stage").register(registry);

    /** One command event at {@code stage} (lower case, see the counter's help). */
    public void command(String stage) {
        commands.labelValues(stage).inc();
    }

    public double commands(String stage) {
        return commands.labelValues(stage).get();
    }

    public void ruleAction(String tenant, String kind, String outcome) {
        ruleActions.labelValues(tenant, kind, outcome).inc();
    }

    public double ruleActions(String tenant, String kind, String outcome) {
        return ruleActions.labelValues(tenant, kind, outcome).get();
    }

    public void ruleLag(long nanos) {
        ruleLag.observe(nanos / 1e9);
    }

    public void batch(String endpoint, Outcome outcome) {
        batches.labelValues(endpoint, outcome.label()).inc();
    }

    public void readings(String endpoint, Outcome outcome, long count) {
        if (count > 0) readings.labelValues(endpoint, outcome.label()).inc(count);
    }

    public void authFailure(String endpoint, String reason) {
        authFailures.labelValues(endpoint, reason).inc();
    }

    public void batchSize(int readingCount) {
        batchSize.observe(readingCount);
    }

    public void transaction(int readingCount, long nanos) {
        transactionRows.observe(readingCount);
        commitSeconds.observe(nanos / 1e9);
    }

    /** Current value of a batch or reading counter (tests and the demo read these). */
    public double count(String what, String endpoint, Outcome outcome) {
        Counter c = switch (what) {
            case "batches" -> batches;
            case "readings" -> readings;
            default -> throw new IllegalArgumentException(what);
        };
        return c.labelValues(endpoint, outcome.label()).get();
    }

    public double authFailures(String endpoint, String reason) {
        return authFailures.labelValues(endpoint, reason).get();
    }

    /** A scrape in the format the Accept header asks for (Prometheus text when absent). */
    public Scrape scrape(String accept) {
        ExpositionFormatWriter writer = formats.findWriter(accept);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            writer.write(out, registry.scrape());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new Scrape(writer.getContentType(), out.toByteArray());
    }

    /** One rendered scrape. */
    public record Scrape(String contentType, byte[] body) {
    }
}
