package fr.beffroi.profiles.load;

import java.util.List;

/**
 * A profile file could not be used. Carries every problem found, each as
 * {@code <file>: <path>: <what is wrong>}, so one edit-and-reload fixes them all.
 */
public final class ProfileValidationException extends RuntimeException {
    private final List<String> errors;

    public ProfileValidationException(List<String> errors) {
        super(errors.size() + " error(s) in device profile:\n  " + String.join("\n  ", errors));
        this.errors = List.copyOf(errors);
    }

    public List<String> errors() {
        return errors;
    }
}
