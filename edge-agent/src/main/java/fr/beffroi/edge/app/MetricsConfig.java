package fr.beffroi.edge.app;

import java.util.Objects;

/**
 * The Prometheus scrape endpoint.
 *
 * @param host address to bind (loopback by default: opening it to the network is a deliberate choice)
 * @param port TCP port; 0 turns the endpoint off
 */
public record MetricsConfig(String host, int port) {
    public MetricsConfig {
        Objects.requireNonNull(host, "host");
    }

    public boolean enabled() {
        return port != 0;
    }
}
