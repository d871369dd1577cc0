package fr.beffroi.ingest.auth;

import java.util.Objects;

/**
 * An authenticated person using the HTTP API.
 *
 * @param name     the user name; commands they issue carry {@code issuedBy = user:<name>}
 * @param tenant   the commune they act for
 * @param operator whether they may issue commands (viewers may only read)
 */
public record User(String name, String tenant, boolean operator) {
    public User {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(tenant, "tenant");
    }

    public String issuer() {
        return "user:" + name;
    }
}
