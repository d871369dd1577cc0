package fr.beffroi.edge.app;

import fr.beffroi.edge.driver.CorruptFrameSink;

import java.nio.file.Path;
import java.util.Objects;

/**
 * What the agent gives every driver it creates, once its buffer is open.
 *
 * @param corrupt  where byte-stream drivers hand the frames they refuse (the buffer's dead-letter store)
 * @param stateDir where drivers keep small state files (a camera's cursor): the buffer's folder
 */
public record DriverContext(CorruptFrameSink corrupt, Path stateDir) {
    public DriverContext {
        Objects.requireNonNull(corrupt, "corrupt");
        Objects.requireNonNull(stateDir, "stateDir");
    }
}
