package fr.beffroi.edge.driver.sunspec;

import java.util.Objects;

/**
 * A change in what an inverter says about itself: its operating state ({@code St}) or its set of
 * event flags ({@code Evt1}), named by the profile's symbols.
 *
 * @param deviceId the device
 * @param point    {@code St} or {@code Evt1}
 * @param from     before: a state symbol, or the set event symbols ({@code []} when none);
 *                 {@code ?} on the first poll of the driver
 * @param to       after
 */
public record StatusTransition(String deviceId, String point, String from, String to) {
    public StatusTransition {
        Objects.requireNonNull(deviceId, "deviceId");
        Objects.requireNonNull(point, "point");
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
    }
}
