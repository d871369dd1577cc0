package fr.beffroi.edge.driver.groundwater;

import java.io.IOException;
import java.util.Optional;
import java.util.function.Consumer;

/** An open CoAP conversation with one probe resource; the driver opens one and drops it on failure. */
interface CoapLink extends AutoCloseable {

    /**
     * One answer of the probe.
     *
     * @param code          CoAP response code, e.g. {@code 2.05}
     * @param success       a 2.xx code
     * @param contentFormat the Content-Format option, -1 when absent
     * @param payload       the body
     */
    record Answer(String code, boolean success, int contentFormat, byte[] payload) {
    }

    /** GETs the resource; empty when no answer came within the timeout. */
    Optional<Answer> get() throws IOException;

    /** Registers as an observer; every notification goes to {@code listener}, on a library thread. */
    void observe(Consumer<Answer> listener) throws IOException;

    /** Cancels any observation and releases the endpoint; never throws. */
    @Override
    void close();

    @FunctionalInterface
    interface Opener {
        CoapLink open() throws IOException;
    }
}
