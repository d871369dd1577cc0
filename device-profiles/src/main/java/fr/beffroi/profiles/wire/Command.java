package fr.beffroi.profiles.wire;

import java.time.Instant;
import java.util.Objects;

/**
 * An order to write one actuator point of one device, sent down to the gateway that holds it.
 * Executing the same command id twice has the effect of executing it once.
 *
 * @param id        unique command id, the idempotency key
 * @param tenant    the commune that owns the device
 * @param device    target device
 * @param point     target point of the device's profile
 * @param value     value to write, in the point's unit
 * @param issuedBy  who or what issued it ({@code user:alice}, {@code rule:hall-lights})
 * @param issuedAt  when it was issued
 * @param expiresAt past this instant the gateway must not execute it
 */
public record Command(String id, String tenant, String device, String point, double value, String issuedBy,
                      Instant issuedAt, Instant expiresAt) {
    public Command {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(tenant, "tenant");
        Objects.requireNonNull(device, "device");
        Objects.requireNonNull(point, "point");
        Objects.requireNonNull(issuedBy, "issuedBy");
        Objects.requireNonNull(issuedAt, "issuedAt");
        Objects.requireNonNull(expiresAt, "expiresAt");
    }

    public boolean expiredAt(Instant now) {
        return !now.isBefore(expiresAt);
    }
}
