package fr.beffroi.edge.driver.access;

import java.time.Instant;

/** Refuses every badge: a door with no allow-list yet opens only by its exit button or a command. */
public final class DenyAll implements AccessPolicy {

    @Override
    public AccessDecision decide(String door, String badge, Instant at) {
        return AccessDecision.deny("no allow-list");
    }
}
