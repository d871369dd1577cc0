package fr.beffroi.edge.app;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * The tenant's rules run on this gateway.
 *
 * @param file  the tenant's rule file (only its {@code runs: edge} rules run here); empty = no edge rules
 * @param state SQLite file of the rules' state ({@code for:} timers, hysteresis, pending delays) and
 *              of the command ids the rules already executed, so that both survive a restart
 */
public record RulesConfig(Optional<Path> file, Path state) {
    public RulesConfig {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(state, "state");
    }

    /** No rule file; the state file {@code rule-state.db} beside the reading buffer. */
    public static RulesConfig none(Path bufferPath) {
        return new RulesConfig(Optional.empty(), besides(bufferPath, "rule-state.db"));
    }

    static Path besides(Path bufferPath, String name) {
        Path dir = bufferPath.toAbsolutePath().getParent();
        return dir == null ? Path.of(name) : dir.resolve(name);
    }
}
