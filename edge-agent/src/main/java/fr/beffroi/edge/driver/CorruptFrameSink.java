package fr.beffroi.edge.driver;

/**
 * Where drivers of byte-stream devices (serial readers, badge readers) hand the frames they refuse.
 * The agent's sink keeps them in the edge buffer's dead-letter store and counts them per device
 * ({@code beffroi_edge_corrupt_frames_total}); tests pass a list. Must not block for long: drivers
 * call it from their reading thread.
 */
@FunctionalInterface
public interface CorruptFrameSink {
    void accept(CorruptFrame frame);
}
