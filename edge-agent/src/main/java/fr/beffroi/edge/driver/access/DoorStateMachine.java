package fr.beffroi.edge.driver.access;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One door's logic, free of GPIO and serial so that it is tested with a fixed clock: what each input
 * does to the relay, and which events it raises. Every method first runs {@link #tick} to the given
 * instant, so deadlines (relay off, held open) fall in order with the inputs.
 *
 * <ul>
 *   <li>A badge the policy grants, the exit button's press or an unlock command energise the relay
 *       for the unlock time ({@code unlocked}); a refused badge raises {@code denied}.</li>
 *   <li>The contact opening raises {@code opened}, and {@code forced} too when the relay was off;
 *       closing raises {@code closed} with the seconds it stayed open.</li>
 *   <li>Open beyond the held-open limit raises {@code heldOpen} (seconds beyond the limit), again
 *       at each further limit while it stays open.</li>
 * </ul>
 *
 * Inputs that repeat the known state (contact bounce that survived the line's debounce) are ignored.
 * Not thread-safe: the driver serialises calls.
 */
final class DoorStateMachine {

    private static final Logger LOG = LoggerFactory.getLogger(DoorStateMachine.class);

    private final String door;
    private final Duration unlockTime;
    private final Duration heldOpenLimit;
    private final AccessPolicy policy;

    private boolean relayOn;
    private Instant relayOffAt;
    private boolean open;
    private Instant openedAt;
    private Instant nextHeldOpenAt;
    private boolean exitPressed;

    DoorStateMachine(String door, Duration unlockTime, Duration heldOpenLimit, AccessPolicy policy) {
        this.door = Objects.requireNonNull(door, "door");
        this.unlockTime = positive("unlockTime", unlockTime);
        this.heldOpenLimit = positive("heldOpenLimit", heldOpenLimit);
        this.policy = Objects.requireNonNull(policy, "policy");
    }

    private static Duration positive(String name, Duration d) {
        Objects.requireNonNull(d, name);
        if (d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException(name + " must be positive, got " + d);
        }
        return d;
    }

    /** The lines' states when the driver starts: no events, but an open door starts its held-open count. */
    void start(boolean contactOpen, boolean exitButtonPressed, Instant at) {
        open = contactOpen;
        exitPressed = exitButtonPressed;
        if (open) {
            openedAt = at;
            nextHeldOpenAt = at.plus(heldOpenLimit);
        }
    }

    List<DoorEvent> badge(String badge, Instant at) {
        List<DoorEvent> out = tick(at);
        AccessDecision d;
        try {
            d = Objects.requireNonNull(policy.decide(door, badge, at), "the policy answered null");
        } catch (RuntimeException e) {
            // Fail secure: a broken policy keeps the door shut, and says so in the access log.
            LOG.error("door {}: access policy failed for badge {}: {}", door, badge, e.toString());
            d = AccessDecision.deny("policy failed: " + e.getClass().getSimpleName());
        }
        LOG.info("door {}: badge {} {}: {}", door, badge, d.granted() ? "granted" : "denied", d.reason());
        if (d.granted()) {
            out.add(unlock("BADGE", badge, d.reason(), at));
        } else {
            out.add(new DoorEvent("denied", 1, attrs("badge", badge, "reason", d.reason()), at));
        }
        return out;
    }

    List<DoorEvent> exitButton(boolean pressed, Instant at) {
        List<DoorEvent> out = tick(at);
        if (pressed == exitPressed) {
            return out;
        }
        exitPressed = pressed;
        if (pressed) {
            LOG.info("door {}: exit button granted: exit button", door);
            out.add(unlock("EXIT_BUTTON", null, "exit button", at));
        }
        return out;
    }

    List<DoorEvent> unlockCommand(Instant at) {
        List<DoorEvent> out = tick(at);
        LOG.info("door {}: command granted: unlock for {}", door, unlockTime);
        out.add(unlock("COMMAND", null, "remote command", at));
        return out;
    }

    List<DoorEvent> lockCommand(Instant at) {
        List<DoorEvent> out = tick(at);
        LOG.info("door {}: command: lock now", door);
        relayOn = false;
        relayOffAt = null;
        return out;
    }

    List<DoorEvent> contact(boolean nowOpen, Instant at) {
        List<DoorEvent> out = tick(at);
        if (nowOpen == open) {
            return out;
        }
        open = nowOpen;
        if (nowOpen) {
            openedAt = at;
            nextHeldOpenAt = at.plus(heldOpenLimit);
            out.add(DoorEvent.marker("opened", at));
            if (!relayOn) {
                LOG.warn("door {}: forced open (opened while locked)", door);
                out.add(DoorEvent.marker("forced", at));
            }
        } else {
            out.add(new DoorEvent("closed", seconds(Duration.between(openedAt, at)), Map.of(), at));
            openedAt = null;
            nextHeldOpenAt = null;
        }
        return out;
    }

    /** Lets time pass: the relay drops at the end of the unlock time; an open door may be held open. */
    List<DoorEvent> tick(Instant at) {
        List<DoorEvent> out = new ArrayList<>();
        if (relayOn && relayOffAt != null && !at.isBefore(relayOffAt)) {
            relayOn = false;
            relayOffAt = null;
        }
        if (open && nextHeldOpenAt != null && !at.isBefore(nextHeldOpenAt)) {
            double beyond = seconds(Duration.between(openedAt.plus(heldOpenLimit), at));
            LOG.warn("door {}: held open {} s beyond the {} limit", door, beyond, heldOpenLimit);
            out.add(new DoorEvent("heldOpen", beyond, Map.of(), at));
            while (!at.isBefore(nextHeldOpenAt)) {
                nextHeldOpenAt = nextHeldOpenAt.plus(heldOpenLimit);
            }
        }
        return out;
    }

    private DoorEvent unlock(String by, String badge, String decision, Instant at) {
        relayOn = true;
        Instant off = at.plus(unlockTime);
        // A second grant while unlocked extends the time, never shortens it.
        relayOffAt = relayOffAt == null || off.isAfter(relayOffAt) ? off : relayOffAt;
        return new DoorEvent("unlocked", 1, badge == null ? attrs("by", by, "decision", decision)
                : attrs("by", by, "badge", badge, "decision", decision), at);
    }

    private static Map<String, String> attrs(String... kv) {
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put(kv[i], kv[i + 1]);
        }
        return m;
    }

    private static double seconds(Duration d) {
        return d.toMillis() / 1000.0;
    }

    boolean relayOn() {
        return relayOn;
    }

    boolean open() {
        return open;
    }

    boolean exitPressed() {
        return exitPressed;
    }
}
