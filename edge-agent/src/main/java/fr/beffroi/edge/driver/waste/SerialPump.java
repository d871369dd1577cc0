package fr.beffroi.edge.driver.waste;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * The reading thread of one serial port: opens the port, hands every chunk of bytes to its handler,
 * and when the port fails or disappears, says why ({@link #problem()}), waits and opens it again,
 * for as long as it runs. Health is data here: the driver turns {@link #problem()} into an
 * UNREACHABLE poll.
 */
final class SerialPump implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(SerialPump.class);

    /** Called on the pump's thread. */
    interface Handler {
        /** {@code length} bytes arrived in {@code chunk} (valid until the call returns). */
        void bytes(byte[] chunk, int length);

        /** Nothing arrived within the read timeout: a chance to close time windows. */
        void idle();

        /** The port failed; bytes of a frame in progress are no longer to be continued. */
        void lost(String reason);
    }

    private final String deviceId;
    private final String portName;
    private final SerialLink.Opener opener;
    private final Duration reopenDelay;
    private final Handler handler;
    private final Object lock = new Object();
    private Thread thread;
    private volatile boolean running;
    private volatile String problem;
    private volatile SerialLink link;

    SerialPump(String deviceId, String portName, SerialLink.Opener opener, Duration reopenDelay, Handler handler) {
        this.deviceId = Objects.requireNonNull(deviceId, "deviceId");
        this.portName = Objects.requireNonNull(portName, "portName");
        this.opener = Objects.requireNonNull(opener, "opener");
        this.reopenDelay = Objects.requireNonNull(reopenDelay, "reopenDelay");
        this.handler = Objects.requireNonNull(handler, "handler");
    }

    /** Starts the thread once; later calls do nothing. */
    void start() {
        synchronized (lock) {
            if (thread != null) {
                return;
            }
            running = true;
            thread = new Thread(this::run, "serial-" + deviceId);
            thread.setDaemon(true);
            thread.start();
        }
    }

    boolean started() {
        synchronized (lock) {
            return thread != null;
        }
    }

    /** Why the port is not being read now; empty while it is open. */
    Optional<String> problem() {
        return Optional.ofNullable(problem);
    }

    /** A health message naming the device and the port once. */
    static String describe(String deviceId, String portName, String problem) {
        return "device " + deviceId + ": " + (problem.contains(portName) ? problem : "serial port " + portName + ": " + problem);
    }

    private void run() {
        byte[] buffer = new byte[512];
        while (running) {
            try {
                link = opener.open();
                problem = null;
                LOG.info("device {}: serial port {} open", deviceId, portName);
                while (running) {
                    int n = link.read(buffer);
                    if (n > 0) {
                        handler.bytes(buffer, n);
                    } else {
                        handler.idle();
                    }
                }
            } catch (IOException e) {
                if (running) {
                    String why = e.getMessage() == null ? e.toString() : e.getMessage();
                    if (!why.equals(problem)) {
                        LOG.warn("device {}: serial port {} unusable: {}; reopening every {}", deviceId, portName, why,
                                reopenDelay);
                    }
                    problem = why;
                    handler.lost(why);
                }
            } catch (RuntimeException e) {
                // A bug in a handler must not stop the port being read: say it, and go on.
                LOG.error("device {}: serial port {}: handler failed", deviceId, portName, e);
                problem = "handler failed: " + e;
            } finally {
                SerialLink l = link;
                link = null;
                if (l != null) {
                    l.close();
                }
            }
            if (running) {
                handler.idle();
                pause();
            }
        }
    }

    private void pause() {
        try {
            Thread.sleep(reopenDelay.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        }
    }

    @Override
    public void close() {
        Thread t;
        synchronized (lock) {
            running = false;
            t = thread;
        }
        if (t != null) {
            t.interrupt();
            try {
                t.join(2_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        problem = "closed";
    }
}
