package fr.beffroi.edge.driver.waste;

import java.io.IOException;

/**
 * One open serial port, read as a byte stream: the transport seam of the waste drivers, so that
 * tests can feed bytes without a port.
 */
interface SerialLink extends AutoCloseable {

    /**
     * Reads what has arrived, waiting at most the link's read timeout.
     *
     * @return the number of bytes put in {@code buffer}, 0 when none came within the timeout
     * @throws IOException when the port is gone (unplugged, the pty closed): the link is then dead
     */
    int read(byte[] buffer) throws IOException;

    /** Releases the port; never throws. */
    @Override
    void close();

    /** Opens the port; throws naming the port when it cannot. */
    @FunctionalInterface
    interface Opener {
        SerialLink open() throws IOException;
    }
}
