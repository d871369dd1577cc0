package fr.beffroi.rules.eval;

import fr.beffroi.profiles.wire.Quality;
import fr.beffroi.profiles.wire.Reading;
import fr.beffroi.rules.load.RulesLoader;
import fr.beffroi.rules.model.Action;
import fr.beffroi.rules.model.RuleSet;
import fr.beffroi.rules.state.InMemoryRuleStateStore;
import fr.beffroi.rules.state.RuleStateStore;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** An engine on a rule text, a leaping clock, an in-memory store and a sink that keeps what it gets. */
final class Harness {
    final TestClock clock;
    final RuleStateStore store;
    final List<Action> actions = new ArrayList<>();
    final RuleSet rules;
    RuleEngine engine;
    private long seq;

    Harness(String yaml, Instant start) {
        this(new RulesLoader().parse("test.yaml", yaml), new TestClock(start), new InMemoryRuleStateStore());
    }

    Harness(RuleSet rules, TestClock clock, RuleStateStore store) {
        this.rules = rules;
        this.clock = clock;
        this.store = store;
        this.engine = new RuleEngine(rules, store, actions::add, clock);
    }

    /** Drops the engine, as a crash or a restart would, and starts a new one on the same store. */
    void restart() {
        engine = new RuleEngine(rules, store, actions::add, clock);
        engine.restore();
    }

    void leap(Duration d) {
        clock.leap(d);
        engine.tick();
    }

    void read(String device, String point, double value) {
        engine.onReading(new Reading(++seq, device, point, clock.instant(), value, "1", Quality.GOOD));
    }

    List<Action> take() {
        List<Action> out = List.copyOf(actions);
        actions.clear();
        return out;
    }

    /** The commands taken, as "device.point=value@HH:MM:SS" for readable timelines. */
    List<String> commands() {
        return take().stream().map(a -> a instanceof Action.CommandAction c
                ? c.device() + "." + c.point() + "=" + fmt(c.value()) + "@" + c.at().toString().substring(11, 19)
                : "alert:" + ((Action.AlertAction) a).message() + "@" + a.at().toString().substring(11, 19)).toList();
    }

    private static String fmt(double v) {
        return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
    }
}
