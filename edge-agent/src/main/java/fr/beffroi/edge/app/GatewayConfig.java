package fr.beffroi.edge.app;

import java.util.Objects;

/**
 * Who this gateway is.
 *
 * @param id     the gateway id, unique within its tenant; also the MQTT client id and default username
 * @param tenant the commune the gateway belongs to
 */
public record GatewayConfig(String id, String tenant) {
    public GatewayConfig {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(tenant, "tenant");
    }
}
