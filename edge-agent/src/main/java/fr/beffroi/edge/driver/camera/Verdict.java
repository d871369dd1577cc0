package fr.beffroi.edge.driver.camera;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One verdict as the camera's API gave it, checked by {@link VerdictPage}.
 *
 * @param cursor    its position in the camera's verdict log
 * @param id        the camera's verdict id
 * @param tag       the triggering chip, 16 hex digits upper case
 * @param stream    the truck's waste stream, when the camera says
 * @param liftAt    when the camera was triggered
 * @param decidedAt when it published the verdict
 * @param status    CLEAN, ERRORS or UNREADABLE
 * @param errors    categories found with their confidence, highest first; empty unless ERRORS
 * @param image     the photo's id on the camera, when it took one
 */
record Verdict(long cursor, String id, String tag, Optional<String> stream, Instant liftAt, Instant decidedAt,
               Status status, List<Finding> errors, Optional<String> image) {

    enum Status { CLEAN, ERRORS, UNREADABLE }

    /** One error category and the classifier's confidence in it, 0..1. */
    record Finding(String category, double confidence) {
    }

    Verdict {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(tag, "tag");
        Objects.requireNonNull(stream, "stream");
        Objects.requireNonNull(liftAt, "liftAt");
        Objects.requireNonNull(decidedAt, "decidedAt");
        Objects.requireNonNull(status, "status");
        errors = List.copyOf(errors);
        Objects.requireNonNull(image, "image");
    }
}
