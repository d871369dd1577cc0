package fr.beffroi.rules.load;

import java.util.List;

/**
 * A rule file could not be used. Carries every problem found, each as
 * {@code <file>:<line>:<column>: <path>: <what is wrong>}, so one edit-and-reload fixes them all.
 */
public final class RulesValidationException extends RuntimeException {
    private final List<String> errors;

    public RulesValidationException(List<String> errors) {
        super(errors.size() + " error(s) in rule file:\n  " + String.join("\n  ", errors));
        this.errors = List.copyOf(errors);
    }

    public List<String> errors() {
        return errors;
    }
}
