package fr.beffroi.edge.app;

import java.nio.file.Path;
import java.util.Objects;

/**
 * Badge access of the gateway's doors.
 *
 * @param store SQLite file keeping the latest allow-list received from the cloud (the doors decide
 *              from it while the link is down, and after a restart) and the lists refused as malformed
 */
public record AccessConfig(Path store) {
    public AccessConfig {
        Objects.requireNonNull(store, "store");
    }

    /** The default: {@code access.db} beside the reading buffer. */
    public static AccessConfig besides(Path bufferPath) {
        return new AccessConfig(RulesConfig.besides(bufferPath, "access.db"));
    }
}
