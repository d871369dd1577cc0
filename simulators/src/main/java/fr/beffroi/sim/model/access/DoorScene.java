package fr.beffroi.sim.model.access;

import fr.beffroi.sim.model.access.DoorAction.PresentBadge;
import fr.beffroi.sim.model.access.DoorAction.SetContact;
import fr.beffroi.sim.model.access.DoorAction.SetExitButton;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.List;
import java.util.Random;

/**
 * People coming to one door, one at a time in arrival order (a later arrival waits for the one
 * before to be through). Each person reacts to the lock relay: they open the door only once it is
 * released, and give up after {@link #PATIENCE} when it is not, except in a forced entry.
 *
 * <p>Pure: {@link #advance(Instant, boolean)} gets the time and the relay's state and returns what
 * people do at that moment. Seeded scenes ({@link #evening}) give the same visits for the same seed.
 */
public final class DoorScene {

    /** How long a person waits for the lock to release before giving up. */
    public static final Duration PATIENCE = Duration.ofSeconds(3);
    /** How long the exit button is held. */
    static final Duration PRESS = Duration.ofMillis(300);

    private enum Step { WAITING, PRESSING, AWAITING_RELEASE, OPEN }

    private final Deque<Visit> visits;
    private Visit current;
    private Step step;
    private Instant until;
    private final List<Visit> gaveUp = new ArrayList<>();
    private int entered;

    public DoorScene(List<Visit> visits) {
        List<Visit> sorted = new ArrayList<>(visits);
        sorted.sort(Comparator.comparing(Visit::at));
        this.visits = new ArrayDeque<>(sorted);
    }

    /**
     * A sports-hall evening: arrivals about every {@code meanGap} (exponential), mostly booked badges,
     * some unknown ones, a few leaving by the exit button. Same seed, same evening.
     */
    public static DoorScene evening(long seed, Instant start, Duration span, Duration meanGap,
                                    List<String> bookedBadges, List<String> unknownBadges) {
        Random rnd = new Random(seed);
        List<Visit> visits = new ArrayList<>();
        Instant t = start;
        while (true) {
            t = t.plusMillis((long) (-Math.log(1 - rnd.nextDouble()) * meanGap.toMillis()));
            if (!t.isBefore(start.plus(span))) {
                break;
            }
            Duration hold = Duration.ofMillis(2_000 + rnd.nextInt(4_000));
            double u = rnd.nextDouble();
            if (u < 0.15) {
                visits.add(Visit.exit(t, hold));
            } else if (u < 0.25 && !unknownBadges.isEmpty()) {
                visits.add(Visit.badge(t, unknownBadges.get(rnd.nextInt(unknownBadges.size())), hold));
            } else {
                visits.add(Visit.badge(t, bookedBadges.get(rnd.nextInt(bookedBadges.size())), hold));
            }
        }
        return new DoorScene(visits);
    }

    /** What people do at {@code now}, given whether the lock relay is energised. */
    public synchronized List<DoorAction> advance(Instant now, boolean relayOn) {
        List<DoorAction> out = new ArrayList<>();
        // A silent step (a visit begins, someone gives up) may let the next one fall due at once;
        // after an action, people wait for the door to react, so the call ends there.
        for (int guard = 0; guard < 16; guard++) {
            int before = out.size();
            Step stepBefore = step;
            Visit visitBefore = current;
            stepOnce(now, relayOn, out);
            if (out.size() != before || (step == stepBefore && current == visitBefore)) {
                break;
            }
        }
        return out;
    }

    private void stepOnce(Instant now, boolean relayOn, List<DoorAction> out) {
        if (current == null) {
            if (visits.isEmpty() || visits.peekFirst().at().isAfter(now)) {
                return;
            }
            current = visits.removeFirst();
            step = Step.WAITING;
        }
        switch (step) {
            case WAITING -> {
                switch (current.kind()) {
                    case BADGE, HELD_OPEN -> {
                        out.add(new PresentBadge(current.badge()));
                        step = Step.AWAITING_RELEASE;
                        until = now.plus(PATIENCE);
                    }
                    case EXIT -> {
                        out.add(new SetExitButton(true));
                        step = Step.PRESSING;
                        until = now.plus(PRESS);
                    }
                    case FORCED -> open(now, out);
                }
            }
            case PRESSING -> {
                if (!now.isBefore(until)) {
                    out.add(new SetExitButton(false));
                    step = Step.AWAITING_RELEASE;
                    until = now.plus(PATIENCE);
                } else if (relayOn) {
                    out.add(new SetExitButton(false));
                    open(now, out);
                }
            }
            case AWAITING_RELEASE -> {
                if (relayOn) {
                    open(now, out);
                } else if (!now.isBefore(until)) {
                    gaveUp.add(current);
                    current = null;
                }
            }
            case OPEN -> {
                if (!now.isBefore(until)) {
                    out.add(new SetContact(false));
                    current = null;
                }
            }
        }
    }

    private void open(Instant now, List<DoorAction> out) {
        out.add(new SetContact(true));
        entered++;
        step = Step.OPEN;
        until = now.plus(current.holdOpen());
    }

    /** Every visit is over. */
    public synchronized boolean finished() {
        return current == null && visits.isEmpty();
    }

    /** People who opened the door (forced entries included). */
    public synchronized int entered() {
        return entered;
    }

    /** Visits that ended with the door still locked. */
    public synchronized List<Visit> gaveUp() {
        return List.copyOf(gaveUp);
    }

    /** Visits not yet started. */
    public synchronized int pending() {
        return visits.size();
    }
}
