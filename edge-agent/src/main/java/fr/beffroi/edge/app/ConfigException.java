package fr.beffroi.edge.app;

import java.util.List;

/**
 * The configuration cannot be used. Carries every problem found, each naming the key's path
 * ({@code devices[1].pollInterval: must be > 0}), so that one run shows the operator all of them.
 */
public final class ConfigException extends Exception {
    private final List<String> problems;

    public ConfigException(List<String> problems) {
        super(String.join("\n", problems));
        this.problems = List.copyOf(problems);
    }

    public ConfigException(String problem) {
        this(List.of(problem));
    }

    public List<String> problems() {
        return problems;
    }
}
