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

    /** Releases the connection; never throws. */
    @Override
    void close();
}
