package fr.beffroi.rules.eval;

import fr.beffroi.profiles.wire.Quality;
import fr.beffroi.profiles.wire.Reading;
import fr.beffroi.rules.model.Action;
import fr.beffroi.rules.model.Booking;
import fr.beffroi.rules.model.BookingEdge;
import fr.beffroi.rules.model.Branch;
import fr.beffroi.rules.model.Condition;
import fr.beffroi.rules.model.ContextVariables;
import fr.beffroi.rules.model.InputSpec;
import fr.beffroi.rules.model.Rule;
import fr.beffroi.rules.model.RuleSet;
import fr.beffroi.rules.model.Step;
import fr.beffroi.rules.model.Trigger;
import fr.beffroi.rules.state.RuleState;
import fr.beffroi.rules.state.RuleStateStore;
import fr.beffroi.rules.time.SunSchedule;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * Runs one tenant's rules at one site.
 *
 * <p>Inputs: {@link #onReading}, {@link #onBooking}, {@link #onBookingCancelled} and time, through
 * {@link #tick()} (up to the injected clock) or {@link #advanceTo(Instant)}. Everything due in between
 * — cron and sun triggers, booking edges, {@code for:} deadlines, the end of {@code delay:} steps —
 * is processed in time order, each at its own instant, so a leap of a day behaves like a day.
 *
 * <p>Output: {@link Action}s to the {@link ActionSink}. State that must survive a restart goes to the
 * {@link RuleStateStore} each time it changes; {@link #restore()} reads it back without firing
 * anything: only input received after start-up can change a condition.
 *
 * <p>Not thread-safe: call it from one thread (an event loop, the edge's rule thread).
 */
public final class RuleEngine {
    private static final Logger LOG = LoggerFactory.getLogger(RuleEngine.class);
    /** Bound on side-by-side or waiting sequences per rule (Home Assistant's default max too). */
    static final int MAX_RUNS = 10;
    /** Bookings are forgotten this long after they end; offsets beyond it are not supported. */
    private static final Duration BOOKING_RETENTION = Duration.ofDays(7);
    /** Guards against a schedule that would make one leap loop for ever. */
    private static final int MAX_STEPS_PER_ADVANCE = 1_000_000;

    private final RuleSet rules;
    private final RuleStateStore store;
    private final ActionSink sink;
    private final Clock clock;
    private final Optional<SunSchedule> sun;
    private final List<Slot> slots = new ArrayList<>();
    /** The slots a reading concerns, by device then point: a reading visits only its rules, not all. */
    private final Map<String, Map<String, List<Slot>>> byPoint = new HashMap<>();
    private final Map<String, Booking> bookings = new LinkedHashMap<>();
    private Instant now;

    public RuleEngine(RuleSet rules, RuleStateStore store, ActionSink sink, Clock clock) {
        this.rules = Objects.requireNonNull(rules, "rules");
        this.store = Objects.requireNonNull(store, "store");
        this.sink = Objects.requireNonNull(sink, "sink");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.sun = rules.location().map(SunSchedule::new);
        this.now = clock.instant();
        for (Rule rule : rules.rules()) {
            Slot slot = new Slot(rule);
            slots.add(slot);
            for (InputSpec in : rule.inputs().values()) index(in.device(), in.point(), slot);
            for (Trigger t : rule.effectiveTriggers()) {
                if (t instanceof Trigger.OnReading or) index(or.device(), or.point(), slot);
            }
        }
    }

    private void index(String device, String point, Slot slot) {
        List<Slot> concerned = byPoint.computeIfAbsent(device, d -> new HashMap<>())
                .computeIfAbsent(point, p -> new ArrayList<>());
        if (!concerned.contains(slot)) concerned.add(slot);
    }

    public RuleSet rules() {
        return rules;
    }

    /** The engine's time: the last instant it has processed up to. */
    public Instant now() {
        return now;
    }

    /**
     * Loads saved state: {@code for:} timers, pending delays, hysteresis switches, last input values.
     * Fires nothing; overdue delays and deadlines run at the next {@link #tick()}. Call once, before
     * the first event.
     */
    public void restore() {
        Map<String, RuleState> saved = store.loadAll();
        for (Slot slot : slots) {
            RuleState s = saved.get(slot.rule.id());
            if (s != null) {
                slot.restore(s);
            }
        }
    }

    /** Processes everything due up to the clock's instant. */
    public void tick() {
        advanceTo(clock.instant());
    }

    /** Processes everything due up to {@code target}, in time order. Time never goes back. */
    public void advanceTo(Instant target) {
        Objects.requireNonNull(target, "target");
        if (target.isBefore(now)) {
            return;
        }
        pruneBookings();
        for (int i = 0; i < MAX_STEPS_PER_ADVANCE; i++) {
            Due due = earliestDue(target);
            if (due == null) {
                now = target;
                return;
            }
            if (due.at.isAfter(now)) {
                now = due.at;
            }
            due.slot.process(due);
            due.slot.persist();
        }
        LOG.warn("tenant {}: more than {} rule steps due before {}; the rest runs at the next tick",
                rules.tenant(), MAX_STEPS_PER_ADVANCE, target);
    }

    /** When something is next due (a time trigger, a deadline, a delay's end), to schedule the next tick. */
    public Optional<Instant> nextDue() {
        Due due = earliestDue(Instant.MAX);
        return due == null ? Optional.empty() : Optional.of(due.at);
    }

    /**
     * A reading: updates every input of that device and point, then evaluates the rules it triggers.
     * BAD readings and non-finite values are not trusted and ignored.
     */
    public void onReading(Reading r) {
        tick();
        if (r.quality() == Quality.BAD || !Double.isFinite(r.value())) {
            LOG.debug("tenant {}: reading {}/{} ignored by rules (quality {}, value {})", rules.tenant(),
                    r.device(), r.point(), r.quality(), r.value());
            return;
        }
        // In file order, as the slots are: the index lists keep the order rules were added in.
        for (Slot slot : byPoint.getOrDefault(r.device(), Map.of()).getOrDefault(r.point(), List.of())) {
            boolean matched = slot.accept(r);
            if (slot.triggeredBy(r)) {
                slot.triggered();
                matched = true;
            }
            if (matched) slot.persist();
        }
    }

    /**
     * A booking made or changed (same id). Each booking trigger fires once per booking, at
     * {@code start|end + offset}. When that instant has already passed on arrival, the trigger fires
     * at once if the booking's start (or end) is still to come — a hall booked one hour ahead still
     * gets warmed up — and never otherwise.
     */
    public void onBooking(Booking b) {
        tick();
        if (!b.tenant().equals(rules.tenant())) {
            LOG.warn("tenant {}: booking {} of tenant {} ignored", rules.tenant(), b.id(), b.tenant());
            return;
        }
        bookings.put(b.id(), b);
        for (Slot slot : slots) {
            slot.bookingArrived(b);
        }
        advanceTo(now);
    }

    /** A booking cancelled: its triggers still to come will not fire. */
    public void onBookingCancelled(String bookingId) {
        tick();
        bookings.remove(bookingId);
    }

    /** The state of a rule as it would be saved now (for an operator's status page and tests). */
    public Optional<RuleState> state(String ruleId) {
        return slots.stream().filter(s -> s.rule.id().equals(ruleId)).findFirst().map(Slot::snapshot);
    }

    // ---------------------------------------------------------------- scheduling

    private enum Kind { DEADLINE, RUN, TRIGGER }

    private record Due(Instant at, Slot slot, Kind kind, int index, Run run) {
    }

    private Due earliestDue(Instant target) {
        Due best = null;
        for (Slot slot : slots) {
            Due d = slot.earliestDue();
            if (d != null && !d.at.isAfter(target) && (best == null || d.at.isBefore(best.at))) {
                best = d;
            }
        }
        return best;
    }

    /** Per room, hours until its next booking starts (0 while one is going on). */
    private Map<String, Double> hoursToBooking() {
        Map<String, Double> hours = new HashMap<>();
        for (Booking b : bookings.values()) {
            if (!b.end().isAfter(now)) continue;
            double h = b.start().isAfter(now) ? Duration.between(now, b.start()).toMillis() / 3_600_000.0 : 0.0;
            hours.merge(b.room(), h, Math::min);
        }
        return hours;
    }

    private void pruneBookings() {
        bookings.values().removeIf(b -> b.end().plus(BOOKING_RETENTION).isBefore(now));
    }

    private static Instant edge(Trigger.OnBooking t, Booking b) {
        return t.at() == BookingEdge.START ? b.start() : b.end();
    }

    private void emit(Action action) {
        try {
            sink.accept(action);
        } catch (RuntimeException e) {
            LOG.error("tenant {} rule {}: the action sink refused {}", rules.tenant(), action.ruleId(), action, e);
        }
    }

    // ---------------------------------------------------------------- one rule

    /** An action sequence in progress; {@code step} is the next step to run, at {@code resumeAt}. */
    private static final class Run {
        final Branch branch;
        int step;
        Instant resumeAt;

        Run(Branch branch, int step, Instant resumeAt) {
            this.branch = branch;
            this.step = step;
            this.resumeAt = resumeAt;
        }
    }

    private final class Slot {
        final Rule rule;
        final List<Trigger> triggers;
        final Map<String, Double> latest = new HashMap<>();
        final Map<String, InputWindow> windows = new HashMap<>();
        /** Per trigger: the next cron/sun instant; null for the others. */
        final Instant[] next;
        /** Per booking trigger: booking id → the trigger instant already fired or skipped for it. */
        final Map<Integer, Map<String, Instant>> bookingsDone = new HashMap<>();
        final List<Run> runs = new ArrayList<>();
        final ArrayDeque<Branch> queued = new ArrayDeque<>();
        boolean active;
        Instant trueSince;
        /** A {@code for:} deadline is waiting; off after an unknown evaluation until the next one. */
        boolean deadlineArmed;
        Boolean hysteresisOn;
        RuleState saved;

        Slot(Rule rule) {
            this.rule = rule;
            this.triggers = rule.effectiveTriggers();
            this.next = new Instant[triggers.size()];
            for (InputSpec in : rule.inputs().values()) {
                if (in.windowed()) windows.put(in.name(), new InputWindow(in.aggregate(), in.window()));
            }
            for (int i = 0; i < triggers.size(); i++) {
                Trigger t = triggers.get(i);
                if (t instanceof Trigger.OnBooking) {
                    bookingsDone.put(i, new HashMap<>());
                } else if (!(t instanceof Trigger.OnReading)) {
                    next[i] = nextTimeAfter(t, now);
                }
            }
            this.saved = snapshot();
        }

        void restore(RuleState s) {
            active = s.active();
            trueSince = s.trueSince();
            deadlineArmed = trueSince != null && !active && rule.hasCondition();
            if (!rule.hasCondition()) trueSince = null;
            hysteresisOn = rule.hysteresis().isPresent() ? s.hysteresis() : null;
            s.lastValues().forEach((name, v) -> {
                InputSpec in = rule.inputs().get(name);
                if (in != null && !in.windowed() && v != null) latest.put(name, v);
            });
            for (RuleState.PendingRun p : s.runs()) {
                if (p.step() >= 0 && p.step() <= rule.steps(p.branch()).size()) {
                    runs.add(new Run(p.branch(), p.step(), p.resumeAt()));
                } else {
                    LOG.warn("tenant {} rule {}: saved sequence at step {} of {} no longer fits the rule; dropped",
                            rules.tenant(), rule.id(), p.step(), p.branch());
                }
            }
            queued.addAll(s.queued());
            saved = snapshot();
        }

        RuleState snapshot() {
            List<RuleState.PendingRun> pending = runs.stream()
                    .map(r -> new RuleState.PendingRun(r.branch, r.step, r.resumeAt)).toList();
            return new RuleState(rule.id(), active, trueSince, hysteresisOn, new LinkedHashMap<>(latest), pending,
                    List.copyOf(queued));
        }

        void persist() {
            RuleState s = snapshot();
            if (s.equals(saved)) return;
            try {
                store.save(s);
                saved = s;
            } catch (RuntimeException e) {
                LOG.error("tenant {} rule {}: cannot save rule state; it will not survive a restart",
                        rules.tenant(), rule.id(), e);
            }
        }

        Instant nextTimeAfter(Trigger t, Instant after) {
            if (t instanceof Trigger.OnCron c) {
                return c.schedule().nextAfter(after, rules.zone()).orElse(null);
            }
            if (t instanceof Trigger.OnSun s) {
                return sun.flatMap(ss -> ss.nextAfter(after, s.event(), s.offset())).orElse(null);
            }
            return null;
        }

        Due earliestDue() {
            Due best = null;
            if (deadlineArmed && !active && trueSince != null) {
                best = new Due(trueSince.plus(rule.holdFor()), this, Kind.DEADLINE, -1, null);
            }
            for (Run r : runs) {
                if (best == null || r.resumeAt.isBefore(best.at)) best = new Due(r.resumeAt, this, Kind.RUN, -1, r);
            }
            for (int i = 0; i < triggers.size(); i++) {
                Instant at = triggers.get(i) instanceof Trigger.OnBooking b ? nextBookingInstant(i, b) : next[i];
                if (at != null && (best == null || at.isBefore(best.at))) {
                    best = new Due(at, this, Kind.TRIGGER, i, null);
                }
            }
            return best;
        }

        void process(Due due) {
            switch (due.kind) {
                case DEADLINE -> {
                    deadlineArmed = false;
                    evaluate();
                }
                case RUN -> continueRun(due.run);
                case TRIGGER -> {
                    Trigger t = triggers.get(due.index);
                    if (t instanceof Trigger.OnBooking b) {
                        markBookingsDone(due.index, b, due.at);
                    } else {
                        next[due.index] = nextTimeAfter(t, due.at);
                    }
                    LOG.debug("tenant {} rule {}: {} at {}", rules.tenant(), rule.id(), t, due.at);
                    triggered();
                }
            }
        }

        /** A booking trigger instant already past on arrival is skipped, unless the booking edge is still ahead. */
        void bookingArrived(Booking b) {
            for (Map.Entry<Integer, Map<String, Instant>> e : bookingsDone.entrySet()) {
                Trigger.OnBooking t = (Trigger.OnBooking) triggers.get(e.getKey());
                if (!t.room().equals(b.room())) continue;
                Instant at = edge(t, b).plus(t.offset());
                if (!at.isAfter(now) && !edge(t, b).isAfter(now)) {
                    e.getValue().put(b.id(), at);
                }
            }
        }

        Instant nextBookingInstant(int index, Trigger.OnBooking t) {
            Map<String, Instant> done = bookingsDone.get(index);
            done.keySet().retainAll(bookings.keySet());
            Instant best = null;
            for (Booking b : bookings.values()) {
                if (!b.room().equals(t.room())) continue;
                Instant at = edge(t, b).plus(t.offset());
                if (at.equals(done.get(b.id()))) continue;
                if (best == null || at.isBefore(best)) best = at;
            }
            return best;
        }

        /** Every booking of the room whose trigger falls at {@code at} is done: they fire once together. */
        void markBookingsDone(int index, Trigger.OnBooking t, Instant at) {
            for (Booking b : bookings.values()) {
                if (b.room().equals(t.room()) && edge(t, b).plus(t.offset()).equals(at)) {
                    bookingsDone.get(index).put(b.id(), at);
                }
            }
        }

        /** Takes a reading into the inputs it feeds; true when it fed any. */
        boolean accept(Reading r) {
            boolean fed = false;
            for (InputSpec in : rule.inputs().values()) {
                if (!in.device().equals(r.device()) || !in.point().equals(r.point())) continue;
                fed = true;
                if (in.windowed()) {
                    windows.get(in.name()).add(r.ts(), r.value(), now);
                } else {
                    latest.put(in.name(), r.value());
                }
                if (rule.hysteresis().isPresent() && rule.hysteresis().get().input().equals(in.name())) {
                    updateHysteresis();
                }
            }
            return fed;
        }

        boolean triggeredBy(Reading r) {
            for (Trigger t : triggers) {
                if (t instanceof Trigger.OnReading or && or.device().equals(r.device())
                        && or.point().equals(r.point())) {
                    return true;
                }
            }
            return false;
        }

        void triggered() {
            if (rule.hasCondition()) {
                evaluate();
            } else {
                fire(Branch.THEN);
            }
        }

        OptionalDouble input(String name) {
            InputWindow w = windows.get(name);
            if (w != null) return w.value(now);
            Double v = latest.get(name);
            return v == null ? OptionalDouble.empty() : OptionalDouble.of(v);
        }

        void updateHysteresis() {
            rule.hysteresis().ifPresent(h -> {
                OptionalDouble v = input(h.input());
                if (v.isPresent()) {
                    boolean was = hysteresisOn != null && hysteresisOn;
                    hysteresisOn = h.next(was, v.getAsDouble());
                }
            });
        }

        /** The condition now: true, false, or null when it cannot be known (an input without value, an error). */
        Boolean condition() {
            if (rule.hysteresis().isPresent()) {
                updateHysteresis();
                if (hysteresisOn == null) return null;
                if (!hysteresisOn) return false;
            }
            if (rule.condition().isEmpty()) return true;
            Map<String, Object> vars = new HashMap<>();
            for (String name : rule.inputs().keySet()) {
                OptionalDouble v = input(name);
                if (v.isEmpty()) {
                    LOG.debug("tenant {} rule {}: input {} has no value yet; condition unknown", rules.tenant(),
                            rule.id(), name);
                    return null;
                }
                vars.put(name, v.getAsDouble());
            }
            ZonedDateTime local = now.atZone(rules.zone());
            vars.put(ContextVariables.HOUR, (long) local.getHour());
            vars.put(ContextVariables.MINUTE, (long) local.getMinute());
            vars.put(ContextVariables.WEEKDAY, (long) local.getDayOfWeek().getValue());
            sun.ifPresent(s -> vars.put(ContextVariables.DAYLIGHT, s.daylight(now)));
            vars.put(ContextVariables.BOOKED, bookings.values().stream()
                    .filter(b -> b.ongoingAt(now)).map(Booking::room).distinct().toList());
            vars.put(ContextVariables.ACTIVE, active);
            vars.put(ContextVariables.HOURS_TO_BOOKING, hoursToBooking());
            try {
                return rule.condition().get().test(vars);
            } catch (Condition.ConditionException e) {
                LOG.warn("tenant {} rule {}: condition '{}' failed: {}", rules.tenant(), rule.id(),
                        rule.condition().get().source(), e.getMessage());
                return null;
            }
        }

        void evaluate() {
            Boolean c = condition();
            if (c == null) return;
            if (c) {
                if (active) return;
                if (trueSince == null) trueSince = now;
                if (now.isBefore(trueSince.plus(rule.holdFor()))) {
                    deadlineArmed = true;
                    return;
                }
                active = true;
                trueSince = null;
                deadlineArmed = false;
                fire(Branch.THEN);
            } else {
                trueSince = null;
                deadlineArmed = false;
                if (active) {
                    active = false;
                    fire(Branch.ELSE);
                }
            }
        }

        void fire(Branch branch) {
            if (rule.steps(branch).isEmpty()) return;
            LOG.info("tenant {} rule {}: {} at {}", rules.tenant(), rule.id(), branch, now);
            if (runs.isEmpty()) {
                start(branch);
                return;
            }
            switch (rule.mode()) {
                case SINGLE -> LOG.debug("tenant {} rule {}: still running; {} ignored (mode single)",
                        rules.tenant(), rule.id(), branch);
                case RESTART -> {
                    runs.clear();
                    queued.clear();
                    start(branch);
                }
                case QUEUED -> {
                    if (queued.size() < MAX_RUNS) {
                        queued.addLast(branch);
                    } else {
                        LOG.warn("tenant {} rule {}: {} sequences already queued; {} dropped", rules.tenant(),
                                rule.id(), MAX_RUNS, branch);
                    }
                }
                case PARALLEL -> {
                    if (runs.size() < MAX_RUNS) {
                        start(branch);
                    } else {
                        LOG.warn("tenant {} rule {}: {} sequences already running; {} dropped", rules.tenant(),
                                rule.id(), MAX_RUNS, branch);
                    }
                }
            }
        }

        void start(Branch branch) {
            Run run = new Run(branch, 0, now);
            runs.add(run);
            continueRun(run);
        }

        void continueRun(Run run) {
            List<Step> steps = rule.steps(run.branch);
            while (run.step < steps.size()) {
                Step step = steps.get(run.step++);
                if (step instanceof Step.Delay d) {
                    if (d.duration().isZero()) continue;
                    run.resumeAt = now.plus(d.duration());
                    return;
                } else if (step instanceof Step.Command c) {
                    emit(new Action.CommandAction(rules.tenant(), rule.id(), c.device(), c.point(), c.value(), now,
                            now.plus(c.expires())));
                } else if (step instanceof Step.Alert a) {
                    emit(new Action.AlertAction(rules.tenant(), rule.id(), a.level(), a.message(), now));
                }
            }
            runs.remove(run);
            if (runs.isEmpty() && !queued.isEmpty()) {
                start(queued.pollFirst());
            }
        }
    }
}
