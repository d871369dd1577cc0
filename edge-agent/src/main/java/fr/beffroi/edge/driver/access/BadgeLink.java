package fr.beffroi.edge.driver.access;

import java.io.IOException;
import java.util.function.Consumer;

/** The badge reader's byte stream: the seam tests replace (jSerialComm in production). */
interface BadgeLink extends AutoCloseable {

    /** Opens the line and starts delivering bytes, on the link's own thread, until closed or lost. */
    @FunctionalInterface
    interface Opener {
        /**
         * @param onBytes called with each chunk read
         * @param onLost  called once, with why, when the line fails (unplugged, port gone)
         */
        BadgeLink open(Consumer<byte[]> onBytes, Consumer<String> onLost) throws IOException;
    }

    /** False once the line failed or was closed: the driver reopens it at its next poll. */
    boolean alive();

    @Override
    void close();
}
