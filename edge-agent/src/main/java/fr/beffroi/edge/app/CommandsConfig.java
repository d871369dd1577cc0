package fr.beffroi.edge.app;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * Commands from the cloud.
 *
 * @param log         SQLite file of the command log: ids handled (so that none runs twice, across
 *                    restarts), results waiting for the broker, refused messages
 * @param resendAfter a result the broker has not acknowledged by then is sent again
 */
public record CommandsConfig(Path log, Duration resendAfter) {
    public static final Duration DEFAULT_RESEND_AFTER = Duration.ofSeconds(30);

    public CommandsConfig {
        Objects.requireNonNull(log, "log");
        Objects.requireNonNull(resendAfter, "resendAfter");
    }

    /** The defaults: {@code commands.db} beside the reading buffer. */
    public static CommandsConfig besides(Path bufferPath) {
        Path dir = bufferPath.toAbsolutePath().getParent();
        return new CommandsConfig(dir == null ? Path.of("commands.db") : dir.resolve("commands.db"), DEFAULT_RESEND_AFTER);
    }
}
