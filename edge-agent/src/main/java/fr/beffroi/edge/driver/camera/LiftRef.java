package fr.beffroi.edge.driver.camera;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A lift as the camera driver needs it to tie a verdict to it.
 *
 * @param tag      the bin's chip, 16 hex digits, upper case
 * @param at       when the lift happened (the lift event's timestamp)
 * @param truckSeq the lift's per-truck sequence number, when the lift event carried one
 */
public record LiftRef(String tag, Instant at, Optional<String> truckSeq) {
    public LiftRef {
        Objects.requireNonNull(tag, "tag");
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(truckSeq, "truckSeq");
    }
}
