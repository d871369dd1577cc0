package fr.beffroi.edge.app;

import fr.beffroi.edge.buffer.WhenFull;

import java.nio.file.Path;
import java.util.Objects;

/**
 * The durable store-and-forward buffer.
 *
 * @param path        SQLite database file; its directory must exist and be writable
 * @param maxReadings most readings held at once (unconfirmed by the cloud)
 * @param whenFull    what happens to new readings when the buffer is full
 */
public record BufferConfig(Path path, long maxReadings, WhenFull whenFull) {
    public BufferConfig {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(whenFull, "whenFull");
    }
}
