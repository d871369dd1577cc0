package fr.beffroi.sim.face.gpio;

import com.fazecast.jSerialComm.SerialPort;
import com.pi4j.context.Context;
import com.pi4j.io.gpio.digital.DigitalOutput;
import com.pi4j.io.gpio.digital.DigitalState;
import com.pi4j.plugin.mock.provider.gpio.digital.MockDigitalInput;
import fr.beffroi.sim.model.access.DoorAction;
import fr.beffroi.sim.model.access.DoorScene;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * A simulated door: every {@link #STEP} it reads the mock lock relay, lets the {@link DoorScene}'s
 * people act, and applies what they do to the mock contact and exit-button lines and the badge
 * reader's serial line. Until the driver has claimed its lines (at its first poll) nobody moves.
 */
public final class GpioDoorFace implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(GpioDoorFace.class);
    public static final Duration STEP = Duration.ofMillis(20);

    private final String name;
    private final DoorScene scene;
    private final Context pi4j;
    private final int relayPin;
    private final int contactPin;
    private final int exitPin;
    private final SerialPort reader;
    private final Clock clock;
    private final ScheduledExecutorService loop;

    private GpioDoorFace(String name, DoorScene scene, Context pi4j, int relayPin, int contactPin, int exitPin,
                         SerialPort reader, Clock clock) {
        this.name = name;
        this.scene = scene;
        this.pi4j = pi4j;
        this.relayPin = relayPin;
        this.contactPin = contactPin;
        this.exitPin = exitPin;
        this.reader = reader;
        this.clock = clock;
        this.loop = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "sim-door-" + name);
            t.setDaemon(true);
            return t;
        });
    }

    /**
     * Starts the door.
     *
     * @param name       for logs
     * @param pi4j       the mock context the driver uses too ({@link MockGpio#context()})
     * @param relayPin   BCM line of the lock relay (an output the driver drives)
     * @param contactPin BCM line of the door contact (high = open)
     * @param exitPin    BCM line of the exit button (high = pressed)
     * @param badgePort  the simulator's end of the badge reader's serial line
     * @param baud       its speed
     */
    public static GpioDoorFace start(String name, DoorScene scene, Context pi4j, int relayPin, int contactPin,
                                     int exitPin, String badgePort, int baud, Clock clock) throws IOException {
        SerialPort port = SerialPort.getCommPort(badgePort);
        port.setComPortParameters(baud, 8, SerialPort.ONE_STOP_BIT, SerialPort.NO_PARITY);
        port.setComPortTimeouts(SerialPort.TIMEOUT_WRITE_BLOCKING, 0, 1000);
        if (!port.openPort()) {
            throw new IOException("door " + name + ": cannot open badge reader port " + badgePort);
        }
        GpioDoorFace face = new GpioDoorFace(name, scene, pi4j, relayPin, contactPin, exitPin, port, clock);
        face.loop.scheduleWithFixedDelay(face::step, 0, STEP.toMillis(), TimeUnit.MILLISECONDS);
        LOG.info("door {}: simulated on relay {}, contact {}, exit {}, badges to {}", name, relayPin, contactPin,
                exitPin, badgePort);
        return face;
    }

    private void step() {
        try {
            Optional<DigitalOutput> relay = MockGpio.output(pi4j, relayPin);
            Optional<MockDigitalInput> contact = MockGpio.input(pi4j, contactPin);
            Optional<MockDigitalInput> exit = MockGpio.input(pi4j, exitPin);
            if (relay.isEmpty() || contact.isEmpty() || exit.isEmpty()) {
                return;
            }
            List<DoorAction> actions = scene.advance(clock.instant(), relay.get().state() == DigitalState.HIGH);
            for (DoorAction a : actions) {
                LOG.debug("door {}: {}", name, a);
                if (a instanceof DoorAction.PresentBadge b) {
                    byte[] frame = BadgeFrames.encode(b.badge());
                    if (reader.writeBytes(frame, frame.length) != frame.length) {
                        LOG.warn("door {}: badge frame for {} not fully written", name, b.badge());
                    }
                } else if (a instanceof DoorAction.SetContact c) {
                    contact.get().mockState(c.open() ? DigitalState.HIGH : DigitalState.LOW);
                } else if (a instanceof DoorAction.SetExitButton e) {
                    exit.get().mockState(e.pressed() ? DigitalState.HIGH : DigitalState.LOW);
                }
            }
        } catch (RuntimeException e) {
            // One bad step must not stop the door for the rest of the run.
            LOG.error("door {}: simulation step failed", name, e);
        }
    }

    /** Writes raw bytes on the badge line, as a faulty reader or a noisy cable would. */
    public void writeRaw(byte[] bytes) {
        reader.writeBytes(bytes, bytes.length);
    }

    public DoorScene scene() {
        return scene;
    }

    @Override
    public void close() {
        loop.shutdownNow();
        try {
            loop.awaitTermination(1, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        reader.closePort();
        LOG.info("door {}: simulation stopped", name);
    }
}
