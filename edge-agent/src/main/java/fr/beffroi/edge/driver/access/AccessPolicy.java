package fr.beffroi.edge.driver.access;

import java.time.Instant;

/**
 * Decides whether a badge opens a door. The driver asks it on its badge-reader thread, so an
 * implementation answers from local data (an allow-list synced from bookings, issue 3), never from
 * the network: a door must open while the gateway is offline.
 */
@FunctionalInterface
public interface AccessPolicy {

    /**
     * @param door  the door's device id
     * @param badge the badge id as read, upper-case hex
     * @param at    when it was presented
     */
    AccessDecision decide(String door, String badge, Instant at);
}
