package fr.beffroi.ops.bench;

import fr.beffroi.profiles.wire.Quality;
import fr.beffroi.profiles.wire.Reading;
import fr.beffroi.rules.eval.RuleEngine;
import fr.beffroi.rules.load.RulesLoader;
import fr.beffroi.rules.model.Action;
import fr.beffroi.rules.model.InputSpec;
import fr.beffroi.rules.model.Rule;
import fr.beffroi.rules.model.RuleSet;
import fr.beffroi.rules.state.InMemoryRuleStateStore;
import fr.beffroi.sim.time.LeapClock;
import org.HdrHistogram.Histogram;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.Callable;

/**
 * Measures the rule engine: readings per second through a tenant's rules, and the latency from a
 * reading handed to the engine to the command it dispatches, against a baseline measured in the same
 * run — the bare CEL conditions of the rules each reading concerns, evaluated on ready-made inputs.
 * The ratio says what the engine adds around CEL (windows, hysteresis, {@code for:} timers, state
 * saves, run modes); the rules are those of a territory of {@code --buildings} buildings.
 */
@Command(name = "bench-rules", mixinStandardHelpOptions = true,
        description = "Benchmark the rule engine: readings/s and reading → command latency, against bare CEL.")
public final class RulesBenchCommand implements Callable<Integer> {
    private static final String TENANT = "bench";
    /** Model time between two readings: a building's BMS polled every few seconds, many buildings. */
    private static final Duration STEP = Duration.ofMillis(100);

    @Option(names = "--buildings", defaultValue = "50", description = "Buildings, 3 rules each (default: ${DEFAULT-VALUE}).")
    int buildings;

    @Option(names = "--readings", defaultValue = "400000", description = "Readings per measured phase (default: ${DEFAULT-VALUE}).")
    int readings;

    @Option(names = "--rounds", defaultValue = "3", description = "Measured rounds; the best of each phase counts "
            + "(default: ${DEFAULT-VALUE}).")
    int rounds;

    private final PrintStream out = System.out;

    @Override
    public Integer call() {
        if (buildings < 1 || readings < 1000 || rounds < 1) {
            throw new IllegalArgumentException("--buildings >= 1, --readings >= 1000, --rounds >= 1");
        }
        RuleSet rules = new RulesLoader().parse("bench.yaml", ruleFile(buildings));
        List<Reading> stream = readings(buildings, readings, 42);
        out.printf("bench-rules: %d rules (%d buildings), %,d readings per phase, best of %d rounds%n",
                rules.rules().size(), buildings, readings, rounds);

        Phase bare = null;
        Phase engine = null;
        for (int round = 0; round <= rounds; round++) { // round 0 warms the JIT up, unmeasured
            Phase b = bareCel(rules, stream);
            Phase e = engine(rules, stream);
            if (round == 0) continue;
            if (bare == null || b.perSecond() > bare.perSecond()) bare = b;
            if (engine == null || e.perSecond() > engine.perSecond()) engine = e;
        }
        out.println();
        out.println("| path | readings/s | condition evaluations/s | commands | alerts |");
        out.println("|---|---|---|---|---|");
        out.printf("| bare CEL conditions (baseline) | %,.0f | %,.0f | — | — |%n", bare.perSecond(),
                bare.evaluations / bare.seconds);
        out.printf("| rule engine, in-memory state | %,.0f | %,.0f | %,d | %,d |%n", engine.perSecond(),
                engine.evaluations / engine.seconds, engine.commands, engine.alerts);
        Histogram h = engine.latency;
        out.printf("%nreading → command dispatched (in the engine, under the load above): p50 %.1f µs, p99 %.1f µs, "
                        + "max %.1f µs over %,d commands%n", h.getValueAtPercentile(50) / 1e3,
                h.getValueAtPercentile(99) / 1e3, h.getMaxValue() / 1e3, h.getTotalCount());
        out.printf("engine_vs_bare_cel=%.2f%n", engine.perSecond() / bare.perSecond());
        return 0;
    }

    private record Phase(double seconds, long count, long evaluations, long commands, long alerts, Histogram latency) {
        double perSecond() {
            return count / seconds;
        }
    }

    /** The baseline: each reading's concerned conditions, on inputs kept in a plain map. */
    private static Phase bareCel(RuleSet rules, List<Reading> stream) {
        Map<String, List<Rule>> byPoint = new HashMap<>();
        for (Rule r : rules.rules()) {
            if (r.condition().isEmpty()) continue;
            for (InputSpec in : r.inputs().values()) {
                byPoint.computeIfAbsent(in.device() + "/" + in.point(), k -> new ArrayList<>()).add(r);
            }
        }
        Map<String, Double> latest = new HashMap<>();
        long evaluations = 0;
        long sink = 0;
        long t0 = System.nanoTime();
        for (Reading reading : stream) {
            String key = reading.device() + "/" + reading.point();
            latest.put(key, reading.value());
            for (Rule r : byPoint.getOrDefault(key, List.of())) {
                Map<String, Object> vars = new HashMap<>();
                for (InputSpec in : r.inputs().values()) {
                    vars.put(in.name(), latest.getOrDefault(in.device() + "/" + in.point(), 0.0));
                }
                if (r.condition().get().test(vars)) sink++;
                evaluations++;
            }
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        if (sink < 0) throw new AssertionError(); // keeps the evaluations from being optimised away
        return new Phase(seconds, stream.size(), evaluations, 0, 0, new Histogram(3));
    }

    private static Phase engine(RuleSet rules, List<Reading> stream) {
        LeapClock clock = LeapClock.at(stream.get(0).ts());
        Histogram latency = new Histogram(60_000_000_000L, 3);
        long[] counts = new long[2];
        long[] readingStart = new long[1];
        RuleEngine engine = new RuleEngine(rules, new InMemoryRuleStateStore(), action -> {
            if (action instanceof Action.CommandAction) {
                counts[0]++;
                latency.recordValue(Math.max(0, System.nanoTime() - readingStart[0]));
            } else {
                counts[1]++;
            }
        }, clock);
        engine.restore();
        long evaluations = 0;
        Map<String, Integer> concerned = concernedRules(rules);
        long t0 = System.nanoTime();
        for (Reading reading : stream) {
            clock.set(reading.ts());
            readingStart[0] = System.nanoTime();
            engine.onReading(reading);
            evaluations += concerned.getOrDefault(reading.device() + "/" + reading.point(), 0);
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        return new Phase(seconds, stream.size(), evaluations, counts[0], counts[1], latency);
    }

    private static Map<String, Integer> concernedRules(RuleSet rules) {
        Map<String, Integer> n = new HashMap<>();
        for (Rule r : rules.rules()) {
            for (InputSpec in : r.inputs().values()) n.merge(in.device() + "/" + in.point(), 1, Integer::sum);
        }
        return n;
    }

    /**
     * Three rules per building, as the shipped rule files write them: presence lighting with a
     * delayed off (restart mode), frost protection with hysteresis, overheating on a 30 min average
     * held for 10 min.
     */
    static String ruleFile(int buildings) {
        StringBuilder y = new StringBuilder("tenant: " + TENANT + "\nrules:\n");
        for (int b = 0; b < buildings; b++) {
            String dev = "bms-" + b;
            y.append("""
                      - id: b%1$d-lights
                        mode: restart
                        inputs: {presence: {device: %2$s, point: zone1.presence}}
                        if: "presence > 0.5"
                        then: [{command: {device: %2$s, point: zone1.light1, value: 1, expires: 2m}}]
                        else: [{delay: 10m}, {command: {device: %2$s, point: zone1.light1, value: 0, expires: 2m}}]
                      - id: b%1$d-frost
                        inputs: {t: {device: %2$s, point: zone1.roomTemp}}
                        hysteresis: {input: t, on_below: 12.0, off_above: 13.0}
                        then: [{command: {device: %2$s, point: zone1.mode, value: 1, expires: 15m}}]
                        else: [{command: {device: %2$s, point: zone1.mode, value: 2, expires: 15m}}]
                      - id: b%1$d-overheat
                        inputs:
                          t: {device: %2$s, point: zone1.roomTemp}
                          tavg: {device: %2$s, point: zone1.roomTemp, avg: 30m}
                        if: "t > 24.0 && tavg > 24.0"
                        for: 10m
                        then: [{alert: {level: warning, message: "%2$s zone 1 above 24 °C for 10 min"}}]
                    """.formatted(b, dev));
        }
        return y.toString();
    }

    /**
     * Readings round-robin over the buildings, presence and temperature alternately: presence
     * switches every few minutes, temperature random-walks across the frost and overheating
     * thresholds, so every rule fires now and then.
     */
    static List<Reading> readings(int buildings, int count, long seed) {
        Random rnd = new Random(seed);
        double[] temp = new double[buildings];
        boolean[] present = new boolean[buildings];
        for (int b = 0; b < buildings; b++) temp[b] = 10 + rnd.nextDouble() * 16;
        List<Reading> out = new ArrayList<>(count);
        Instant t = Instant.parse("2026-01-12T06:00:00Z");
        for (int i = 0; i < count; i++) {
            int b = (i / 2) % buildings;
            t = t.plus(STEP);
            if (i % 2 == 0) {
                if (rnd.nextDouble() < 0.01) present[b] = !present[b];
                out.add(new Reading(0, "bms-" + b, "zone1.presence", t, present[b] ? 1 : 0, "1", Quality.GOOD));
            } else {
                temp[b] = Math.max(8, Math.min(28, temp[b] + rnd.nextGaussian() * 0.3));
                out.add(new Reading(0, "bms-" + b, "zone1.roomTemp", t, temp[b], "Cel", Quality.GOOD));
            }
        }
        return out;
    }
}
