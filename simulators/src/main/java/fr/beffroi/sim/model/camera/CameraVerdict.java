package fr.beffroi.sim.model.camera;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One verdict, as the camera publishes it.
 *
 * @param cursor    position in the camera's verdict log: strictly increasing in publication order
 * @param id        the camera's verdict id
 * @param tag       the chip read that triggered the camera, as the truck gave it
 * @param stream    the truck's waste stream (OMR, EMB, BIO)
 * @param liftAt    when the trigger came
 * @param decidedAt when the verdict was published (trigger + processing delay)
 * @param status    clean, errors or unreadable
 * @param errors    per category, the classifier's confidence in 0..1, highest first; empty unless ERRORS
 * @param imageId   the photo of the hopper; absent when UNREADABLE
 */
public record CameraVerdict(long cursor, String id, String tag, String stream, Instant liftAt, Instant decidedAt,
    VerdictStatus status, Map<ErrorCategory, Double> errors, Optional<String> imageId) {

  public CameraVerdict {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(tag, "tag");
    Objects.requireNonNull(stream, "stream");
    Objects.requireNonNull(liftAt, "liftAt");
    Objects.requireNonNull(decidedAt, "decidedAt");
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(imageId, "imageId");
    errors = Collections.unmodifiableMap(new LinkedHashMap<>(errors));
    if ((status == VerdictStatus.ERRORS) == errors.isEmpty()) {
      throw new IllegalArgumentException("verdict " + id + ": errors must be given exactly when status is ERRORS");
    }
  }
}
