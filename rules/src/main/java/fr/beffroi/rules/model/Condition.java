package fr.beffroi.rules.model;

import java.util.Map;

/**
 * A compiled rule condition. The loader builds it from the {@code if:} text (CEL, type-checked),
 * so a rule that is loaded has a condition that can run.
 */
public interface Condition {

    /** The text as written in the rule file. */
    String source();

    /**
     * Evaluates the condition.
     *
     * @param variables every input by name (a {@code Double}) and the engine's context variables
     * @throws ConditionException when evaluation fails (division by zero, overflow...)
     */
    boolean test(Map<String, Object> variables);

    /** Evaluation failed at run time; the engine treats the condition as unknown. */
    final class ConditionException extends RuntimeException {
        public ConditionException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
