package fr.beffroi.ingest.command;

import java.time.Instant;
import java.util.Objects;

/**
 * An order to issue, as a user (HTTP API) or a rule gives it, before the ledger has routed it.
 *
 * @param id        the idempotency key; null lets the ledger generate one
 * @param tenant    the commune the device belongs to (the caller's own, checked by the caller)
 * @param device    target device
 * @param point     target point of the device's profile
 * @param value     value to write, in the point's unit; finite
 * @param issuedBy  who issues it: {@code user:<name>} or {@code rule:<id>}
 * @param expiresAt past this instant the command must not be executed
 */
public record CommandRequest(String id, String tenant, String device, String point, double value, String issuedBy,
                             Instant expiresAt) {
    public CommandRequest {
        Objects.requireNonNull(tenant, "tenant");
        Objects.requireNonNull(device, "device");
        Objects.requireNonNull(point, "point");
        Objects.requireNonNull(issuedBy, "issuedBy");
        Objects.requireNonNull(expiresAt, "expiresAt");
    }
}
