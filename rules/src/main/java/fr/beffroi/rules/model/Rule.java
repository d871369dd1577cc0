package fr.beffroi.rules.model;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One loaded, validated rule.
 *
 * <p>A rule with a condition ({@code if:} and/or {@code hysteresis:}) is a <em>state</em> rule: each
 * trigger re-evaluates the condition, {@code then} runs when it turns true (and has held for
 * {@code holdFor}), {@code otherwise} when it turns false after {@code then} ran. A rule without a
 * condition is a <em>pulse</em> rule: every trigger runs {@code then}.
 *
 * @param when       explicit triggers; when the file gives none, a reading of any input triggers
 * @param holdFor    how long the condition must hold before {@code then} runs ({@code for:})
 * @param otherwise  the {@code else:} steps, empty when none
 */
public record Rule(String id, String description, Site runs, RunMode mode, Map<String, InputSpec> inputs,
                   List<Trigger> when, Optional<Condition> condition, Optional<Hysteresis> hysteresis,
                   Duration holdFor, List<Step> then, List<Step> otherwise) {
    public Rule {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(runs, "runs");
        Objects.requireNonNull(mode, "mode");
        inputs = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(inputs));
        when = List.copyOf(when);
        Objects.requireNonNull(condition, "condition");
        Objects.requireNonNull(hysteresis, "hysteresis");
        Objects.requireNonNull(holdFor, "holdFor");
        then = List.copyOf(then);
        otherwise = List.copyOf(otherwise);
    }

    /** True when the rule tracks a condition (edge-triggered), false for a pulse rule. */
    public boolean hasCondition() {
        return condition.isPresent() || hysteresis.isPresent();
    }

    /** The steps of one branch. */
    public List<Step> steps(Branch branch) {
        return branch == Branch.THEN ? then : otherwise;
    }

    /** The triggers in force: the explicit ones, or a reading of each input when none is given. */
    public List<Trigger> effectiveTriggers() {
        if (!when.isEmpty()) return when;
        return inputs.values().stream()
                .map(i -> (Trigger) new Trigger.OnReading(i.device(), i.point()))
                .distinct()
                .toList();
    }
}
