package fr.beffroi.edge.driver.access;

import java.util.Objects;

/**
 * What an {@link AccessPolicy} answered for one badge at one door.
 *
 * @param granted whether the door unlocks
 * @param reason  why, in words for the access log ("slot 18:00-20:00", "unknown badge"); it goes on
 *                the wire as the event's {@code decision} or {@code reason}, so it must not name a person
 */
public record AccessDecision(boolean granted, String reason) {
    public AccessDecision {
        Objects.requireNonNull(reason, "reason");
    }

    public static AccessDecision grant(String reason) {
        return new AccessDecision(true, reason);
    }

    public static AccessDecision deny(String reason) {
        return new AccessDecision(false, reason);
    }
}
