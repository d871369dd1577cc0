package fr.beffroi.rules.model;

import java.time.Duration;
import java.util.Objects;

/** One step of a rule's action sequence ({@code then:} or {@code else:}). */
public sealed interface Step {

    /** Wait before the next step; a pending delay survives a restart. */
    record Delay(Duration duration) implements Step {
        public Delay {
            Objects.requireNonNull(duration, "duration");
        }
    }

    /**
     * Set an actuator point.
     *
     * @param expires how long the command stays worth executing after it is issued
     */
    record Command(String device, String point, double value, Duration expires) implements Step {
        public Command {
            Objects.requireNonNull(device, "device");
            Objects.requireNonNull(point, "point");
            Objects.requireNonNull(expires, "expires");
        }
    }

    /** Raise an alert to the people on duty. */
    record Alert(AlertLevel level, String message) implements Step {
        public Alert {
            Objects.requireNonNull(level, "level");
            Objects.requireNonNull(message, "message");
        }
    }
}
