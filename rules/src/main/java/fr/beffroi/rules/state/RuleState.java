package fr.beffroi.rules.state;

import fr.beffroi.rules.model.Branch;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What the engine remembers of one rule.
 *
 * @param ruleId      the rule's id in its file
 * @param active      the condition was last seen true and {@code then} ran (so a turn to false runs {@code else})
 * @param trueSince   when the condition turned true and has stayed true since, {@code then} not yet
 *                    run (waiting for {@code for:}); null when not waiting
 * @param hysteresis  the hysteresis switch; null when the rule has none or it has seen no value yet
 * @param lastValues  the last value of each {@code LATEST} input, by input name (windows are not
 *                    kept: they refill from new readings)
 * @param runs        action sequences waiting in a {@code delay:}
 * @param queued      branches waiting for the running sequence to end ({@code mode: queued})
 */
public record RuleState(String ruleId, boolean active, Instant trueSince, Boolean hysteresis,
                        Map<String, Double> lastValues, List<PendingRun> runs, List<Branch> queued) {
    public RuleState {
        Objects.requireNonNull(ruleId, "ruleId");
        lastValues = Collections.unmodifiableMap(new LinkedHashMap<>(lastValues == null ? Map.of() : lastValues));
        runs = List.copyOf(runs == null ? List.of() : runs);
        queued = List.copyOf(queued == null ? List.of() : queued);
    }

    /** A rule the engine has never seen. */
    public static RuleState initial(String ruleId) {
        return new RuleState(ruleId, false, null, null, Map.of(), List.of(), List.of());
    }

    /**
     * An action sequence waiting in a delay.
     *
     * @param step     index of the next step to run, in the branch's step list
     * @param resumeAt when that step runs
     */
    public record PendingRun(Branch branch, int step, Instant resumeAt) {
        public PendingRun {
            Objects.requireNonNull(branch, "branch");
            Objects.requireNonNull(resumeAt, "resumeAt");
        }
    }
}
