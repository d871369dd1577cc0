package fr.beffroi.edge.driver.camera;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/** The lifts a verdict can be tied to: the seam between the RFID reader's lifts and the camera driver. */
@FunctionalInterface
public interface LiftIndex {
    /**
     * The lift of {@code tag} closest to {@code around}, if one lies within {@code window} of it
     * (either side).
     */
    Optional<LiftRef> find(String tag, Instant around, Duration window);
}
