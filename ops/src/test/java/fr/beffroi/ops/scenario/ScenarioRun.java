package fr.beffroi.ops.scenario;

import fr.beffroi.profiles.wire.Quality;
import fr.beffroi.profiles.wire.Reading;
import fr.beffroi.rules.eval.RuleEngine;
import fr.beffroi.rules.load.RulesLoader;
import fr.beffroi.rules.model.Action;
import fr.beffroi.rules.model.Booking;
import fr.beffroi.rules.model.RuleSet;
import fr.beffroi.rules.state.InMemoryRuleStateStore;
import fr.beffroi.sim.time.LeapClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * One shipped tenant rule file in an engine on a {@link LeapClock} shared with the simulated devices.
 * Time moves by {@link #run}: fixed steps at which the test feeds readings, and in between a stop at
 * every instant the engine has something due, so a command lands on the simulated device at its own
 * instant, not at the end of the step.
 */
final class ScenarioRun {

  final LeapClock clock;
  final RuleEngine engine;
  final Timeline timeline;
  final List<Action> actions = new ArrayList<>();
  private final Consumer<Action.CommandAction> devices;
  private long seq;

  /**
   * @param tenant  the rule file {@code rules/<tenant>.yaml} on the class path
   * @param devices applies a command to the simulated devices (called at the command's instant)
   */
  ScenarioRun(String tenant, Instant start, Consumer<Action.CommandAction> devices) {
    this(tenant, LeapClock.at(start), devices);
  }

  ScenarioRun(String tenant, LeapClock clock, Consumer<Action.CommandAction> devices) {
    RuleSet rules = load(tenant);
    this.clock = clock;
    this.devices = devices;
    this.timeline = new Timeline(rules.zone());
    this.engine = new RuleEngine(rules, new InMemoryRuleStateStore(), this::accept, clock);
    engine.restore();
  }

  static RuleSet load(String tenant) {
    return new RulesLoader().loadResource("rules/" + tenant + ".yaml");
  }

  /** A reading from a device now; shown in the timeline when {@code show}. */
  void read(String device, String point, double value, String unit, boolean show) {
    if (show) {
      timeline.input(clock.instant(), device + " " + point + "=" + fmt(value));
    }
    engine.onReading(new Reading(++seq, device, point, clock.instant(), value, unit, Quality.GOOD));
  }

  void book(Booking b) {
    timeline.input(clock.instant(), "booking " + b.room() + " " + b.start() + ".." + b.end());
    engine.onBooking(b);
  }

  /** From now to {@code end}, every {@code step}: leap there, then let the test feed its readings. */
  void run(Instant end, Duration step, Consumer<Instant> atEachStep) {
    for (Instant t = clock.instant(); !t.isAfter(end); t = t.plus(step)) {
      leapTo(t);
      atEachStep.accept(t);
    }
  }

  /** Leaps to {@code target}, stopping at each instant the engine has something due. */
  void leapTo(Instant target) {
    while (true) {
      Instant now = clock.instant();
      Optional<Instant> due = engine.nextDue().filter(d -> d.isAfter(now) && d.isBefore(target));
      Instant next = due.orElse(target);
      clock.set(next);
      engine.tick();
      if (next.equals(target)) {
        return;
      }
    }
  }

  List<Action.CommandAction> commands() {
    return actions.stream().filter(Action.CommandAction.class::isInstance).map(Action.CommandAction.class::cast)
        .toList();
  }

  List<Action.AlertAction> alerts() {
    return actions.stream().filter(Action.AlertAction.class::isInstance).map(Action.AlertAction.class::cast)
        .toList();
  }

  private void accept(Action action) {
    actions.add(action);
    if (action instanceof Action.CommandAction c) {
      timeline.output(c.at(), c.device() + " " + c.point() + "=" + fmt(c.value()));
      devices.accept(c);
    } else if (action instanceof Action.AlertAction a) {
      timeline.output(a.at(), "ALERT " + a.level() + " [" + a.ruleId() + "] " + a.message());
    }
  }

  static String fmt(double v) {
    return v == Math.rint(v) ? Long.toString((long) v) : String.format(java.util.Locale.ROOT, "%.2f", v);
  }
}
