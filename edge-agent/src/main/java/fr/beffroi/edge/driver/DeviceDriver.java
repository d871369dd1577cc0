package fr.beffroi.edge.driver;

import fr.beffroi.profiles.wire.Reading;

import java.util.List;

/**
 * The seam between the poll scheduler and one physical device. A driver owns its connection:
 * it opens it lazily on the first poll, and reopens it after a failure.
 */
public interface DeviceDriver extends AutoCloseable {

    /** The device id from the gateway config; every reading this driver returns carries it. */
    String deviceId();

    /**
     * Reads every point of the device once. The readings carry sequence number 0: the buffer
     * assigns the real ones.
     *
     * @throws DeviceException when the device cannot be read; the scheduler backs off and retries
     */
    List<Reading> poll() throws DeviceException;

    /**
     * Stops taking input and returns what the device already reported that no poll has returned
     * yet (events still in their merge window, or queued), so that a graceful stop loses nothing.
     * Called once, after the last poll and before {@link #close()}. Polled devices hold nothing.
     */
    default List<Reading> drainOnStop() {
        return List.of();
    }

    /** Releases the connection; never throws. */
    @Override
    void close();
}
