package fr.beffroi.ingest.auth;

import java.util.Objects;

/**
 * An authenticated gateway: the identity every later stage trusts, rather than what the payload claims.
 *
 * @param id     the gateway id (its MQTT user name)
 * @param tenant the commune it belongs to
 */
public record Gateway(String id, String tenant) {
    public Gateway {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(tenant, "tenant");
    }
}
