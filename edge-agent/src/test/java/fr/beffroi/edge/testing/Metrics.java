package fr.beffroi.edge.testing;

import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.prometheus.metrics.model.snapshots.CounterSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;

/** Reads one metric value out of a registry, the way a scrape would see it. */
public final class Metrics {
    private Metrics() {
    }

    /** The value of a counter or gauge data point with exactly these label name/value pairs; 0 when absent. */
    public static double value(PrometheusRegistry registry, String name, String... labels) {
        Labels wanted = Labels.of(labels);
        for (MetricSnapshot s : registry.scrape()) {
            if (!s.getMetadata().getName().equals(name)) continue;
            if (s instanceof CounterSnapshot c) {
                return c.getDataPoints().stream().filter(d -> d.getLabels().equals(wanted))
                        .mapToDouble(CounterSnapshot.CounterDataPointSnapshot::getValue).findFirst().orElse(0);
            }
            if (s instanceof GaugeSnapshot g) {
                return g.getDataPoints().stream().filter(d -> d.getLabels().equals(wanted))
                        .mapToDouble(GaugeSnapshot.GaugeDataPointSnapshot::getValue).findFirst().orElse(0);
            }
        }
        return 0;
    }
}
