package fr.beffroi.edge.driver.sunspec;

import fr.beffroi.profiles.codec.sunspec.RegisterReader;

import java.io.IOException;

/** An open connection to one device's registers; the driver opens one, and drops it on failure. */
interface RegisterLink extends RegisterReader, AutoCloseable {

    /** Releases the connection; never throws. */
    @Override
    void close();

    /** Opens links: PLC4X in production, a register image in unit tests. */
    @FunctionalInterface
    interface Opener {
        /** @throws IOException when the device cannot be reached */
        RegisterLink open() throws IOException;
    }
}
