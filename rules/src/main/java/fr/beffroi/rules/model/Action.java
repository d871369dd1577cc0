package fr.beffroi.rules.model;

import java.time.Instant;
import java.util.Objects;

/** What the engine asks for; it sends nothing itself and hands these to an {@code ActionSink}. */
public sealed interface Action {

    String tenant();

    String ruleId();

    /** When the engine issued it (the engine's time, which may leap ahead of the wall clock). */
    Instant at();

    /** Set an actuator point. */
    record CommandAction(String tenant, String ruleId, String device, String point, double value, Instant at,
                         Instant expiresAt) implements Action {
        public CommandAction {
            Objects.requireNonNull(tenant, "tenant");
            Objects.requireNonNull(ruleId, "ruleId");
            Objects.requireNonNull(device, "device");
            Objects.requireNonNull(point, "point");
            Objects.requireNonNull(at, "at");
            Objects.requireNonNull(expiresAt, "expiresAt");
        }

        /** The issuer recorded with the command: {@code rule:<id>}. */
        public String issuer() {
            return "rule:" + ruleId;
        }

        /** This command on the edge↔cloud wire, under an id the caller allocates. */
        public fr.beffroi.profiles.wire.Command toWire(String commandId) {
            return new fr.beffroi.profiles.wire.Command(commandId, tenant, device, point, value, issuer(), at,
                    expiresAt);
        }
    }

    /** Tell the people on duty. */
    record AlertAction(String tenant, String ruleId, AlertLevel level, String message, Instant at)
            implements Action {
        public AlertAction {
            Objects.requireNonNull(tenant, "tenant");
            Objects.requireNonNull(ruleId, "ruleId");
            Objects.requireNonNull(level, "level");
            Objects.requireNonNull(message, "message");
            Objects.requireNonNull(at, "at");
        }
    }
}
