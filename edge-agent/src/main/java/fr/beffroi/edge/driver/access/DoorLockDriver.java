package fr.beffroi.edge.driver.access;

import com.pi4j.context.Context;
import com.pi4j.io.gpio.digital.DigitalInput;
import com.pi4j.io.gpio.digital.DigitalOutput;
import com.pi4j.io.gpio.digital.DigitalState;
import com.pi4j.io.gpio.digital.PullResistance;
import fr.beffroi.edge.actuator.Actuator;
import fr.beffroi.edge.driver.CorruptFrame;
import fr.beffroi.edge.driver.CorruptFrameSink;
import fr.beffroi.edge.driver.DeviceDriver;
import fr.beffroi.edge.driver.DeviceException;
import fr.beffroi.edge.driver.DeviceException.Kind;
import fr.beffroi.profiles.load.ProfileLoader;
import fr.beffroi.profiles.model.DeviceProfile;
import fr.beffroi.profiles.model.EventSpec;
import fr.beffroi.profiles.model.SignalSpec;
import fr.beffroi.profiles.wire.Quality;
import fr.beffroi.profiles.wire.Reading;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A door (profile {@code access/door-lock}): lock relay, door contact and exit button on GPIO through
 * the Pi4J {@link Context} given (real providers on a Raspberry Pi, mock providers in tests and
 * the simulator), badge reader on a serial port.
 *
 * <p>Event-driven: Pi4J's listeners and the badge reader's thread feed the {@link DoorStateMachine},
 * whose events wait in a bounded queue that {@link #poll()} drains, with the three lines' states.
 * A timer thread lets time pass (relay off at the end of the unlock time, held-open alarms) between
 * inputs. The door works between polls and while the uplink is down: decisions are local.
 *
 * <p>Lines and port are claimed at the first poll (or command). A GPIO line Pi4J refuses is a
 * CONFIGURATION failure. A badge reader that cannot be opened is UNREACHABLE, but only when no event
 * is waiting: a forced door must reach the cloud even while its reader is unplugged, so such a poll
 * returns the events and retries the reader next time. Refused frames go to the
 * {@link CorruptFrameSink}; a full queue drops the newest event, logged with the device id and counted.
 */
public final class DoorLockDriver implements DeviceDriver, Actuator {

    private static final Logger LOG = LoggerFactory.getLogger(DoorLockDriver.class);
    static final String PROFILE_FAMILY = "access";
    static final String PROFILE_ID = "door-lock";
    static final int MAX_QUEUED = 1_000;
    /** Contact and button debounce, applied by the GPIO provider (a reed switch bounces for a few ms). */
    static final long DEBOUNCE_MICROS = 20_000;
    /** How often time passes between inputs: the relay drops at most this late after the unlock time. */
    static final Duration TICK = Duration.ofMillis(100);

    private final String deviceId;
    private final Context pi4j;
    private final DoorPins pins;
    private final BadgeLink.Opener badges;
    private final Duration tickEvery;
    private final CorruptFrameSink corrupt;
    private final Clock clock;
    private final DeviceProfile profile;
    private final DoorStateMachine machine;
    private final BadgeFrameDecoder decoder = new BadgeFrameDecoder();
    private final BlockingQueue<Reading> events = new ArrayBlockingQueue<>(MAX_QUEUED);
    private final AtomicLong droppedEvents = new AtomicLong();
    private final AtomicLong corruptFrames = new AtomicLong();

    /** Guarded by {@code this}. */
    private DigitalOutput relay;
    private DigitalInput contact;
    private DigitalInput exitButton;
    private BadgeLink link;
    private ScheduledExecutorService timer;
    private boolean closed;

    /**
     * @param deviceId      the door's device id; also names its Pi4J IOs ({@code <id>-lock}, {@code -contact}, {@code -exit})
     * @param pi4j          the Pi4J context (its owner shuts it down, not the driver)
     * @param pins          BCM numbers of the relay, contact and exit button
     * @param badgePort     the badge reader's serial port path
     * @param baud          its speed (9600 for the common ASCII readers)
     * @param unlockTime    how long a grant keeps the relay energised (e.g. 5 s)
     * @param heldOpenLimit how long the door may stay open before {@code heldOpen} (e.g. 60 s)
     * @param policy        who may enter when
     * @param corrupt       where refused badge frames go
     * @param clock         the time events carry and deadlines run on
     */
    public DoorLockDriver(String deviceId, Context pi4j, DoorPins pins, String badgePort, int baud,
                          Duration unlockTime, Duration heldOpenLimit, AccessPolicy policy,
                          CorruptFrameSink corrupt, Clock clock) {
        this(deviceId, pi4j, pins, JSerialBadgeLink.opener(deviceId, Objects.requireNonNull(badgePort, "badgePort"), baud),
                unlockTime, heldOpenLimit, policy, corrupt, clock, TICK,
                new ProfileLoader().load(PROFILE_FAMILY, PROFILE_ID));
    }

    /** For tests: any badge link, and no timer thread when {@code tickEvery} is null (tests call {@link #tick()}). */
    DoorLockDriver(String deviceId, Context pi4j, DoorPins pins, BadgeLink.Opener badges, Duration unlockTime,
                   Duration heldOpenLimit, AccessPolicy policy, CorruptFrameSink corrupt, Clock clock,
                   Duration tickEvery, DeviceProfile profile) {
        this.deviceId = Objects.requireNonNull(deviceId, "deviceId");
        this.pi4j = Objects.requireNonNull(pi4j, "pi4j");
        this.pins = Objects.requireNonNull(pins, "pins");
        this.badges = Objects.requireNonNull(badges, "badges");
        this.corrupt = Objects.requireNonNull(corrupt, "corrupt");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.tickEvery = tickEvery;
        this.profile = Objects.requireNonNull(profile, "profile");
        this.machine = new DoorStateMachine(deviceId, unlockTime, heldOpenLimit, policy);
    }

    @Override
    public String deviceId() {
        return deviceId;
    }

    @Override
    public List<Reading> poll() throws DeviceException {
        DeviceException readerDown = null;
        synchronized (this) {
            ensureGpio();
            step(machine.tick(clock.instant()));
            try {
                ensureBadgeReader();
            } catch (IOException e) {
                readerDown = new DeviceException(Kind.UNREACHABLE, "device " + deviceId + ": " + e.getMessage(), e);
            }
        }
        if (readerDown != null && events.isEmpty()) {
            LOG.warn("device {}: {}", deviceId, readerDown.getMessage());
            throw readerDown;
        }
        if (readerDown != null) {
            LOG.warn("device {}: {}; returning {} waiting event(s) anyway", deviceId, readerDown.getMessage(), events.size());
        }
        List<Reading> out = new ArrayList<>();
        events.drainTo(out);
        Instant now = clock.instant();
        synchronized (this) {
            if (relay == null) {
                throw new DeviceException(Kind.CONFIGURATION, "device " + deviceId + ": driver closed");
            }
            out.add(signal("lock", relay.state().isHigh(), now));
            out.add(signal("contact", contact.state().isHigh(), now));
            out.add(signal("exitButton", exitButton.state().isHigh(), now));
        }
        return out;
    }

    /**
     * A command: {@code lock} 1 unlocks for the unlock time, 0 locks at once. Anything else is refused
     * as CONFIGURATION, naming the point and the value.
     */
    public void write(String point, double value) throws DeviceException {
        SignalSpec spec = profile.signal(point).orElseThrow(() -> new DeviceException(Kind.CONFIGURATION,
                "device " + deviceId + ": cannot write " + value + " to '" + point + "': no such signal in profile "
                        + profile.id()));
        String problem = spec.commandProblem(value).orElse(null);
        if (problem == null && value != 0 && value != 1) {
            problem = "'" + point + "' takes 0 (lock) or 1 (unlock)";
        }
        if (problem != null) {
            throw new DeviceException(Kind.CONFIGURATION, "device " + deviceId + ": cannot write " + value
                    + " to '" + point + "': " + problem);
        }
        synchronized (this) {
            ensureGpio();
            Instant now = clock.instant();
            step(value == 1 ? machine.unlockCommand(now) : machine.lockCommand(now));
        }
    }

    /** Lets time pass without an input: the timer thread calls it, tests call it by hand. */
    synchronized void tick() {
        if (relay != null && !closed) {
            step(machine.tick(clock.instant()));
        }
    }

    private void ensureGpio() throws DeviceException {
        if (closed) {
            throw new DeviceException(Kind.CONFIGURATION, "device " + deviceId + ": driver closed");
        }
        if (relay != null) {
            return;
        }
        try {
            relay = pi4j.create(DigitalOutput.newConfigBuilder(pi4j).id(ioId("lock")).name(deviceId + " lock relay")
                    .address(pins.relay()).initial(DigitalState.LOW).shutdown(DigitalState.LOW));
            contact = pi4j.create(DigitalInput.newConfigBuilder(pi4j).id(ioId("contact")).name(deviceId + " door contact")
                    .address(pins.contact()).pull(PullResistance.PULL_DOWN).debounce(DEBOUNCE_MICROS));
            exitButton = pi4j.create(DigitalInput.newConfigBuilder(pi4j).id(ioId("exit")).name(deviceId + " exit button")
                    .address(pins.exitButton()).pull(PullResistance.PULL_DOWN).debounce(DEBOUNCE_MICROS));
        } catch (RuntimeException e) {
            releaseGpio();
            throw new DeviceException(Kind.CONFIGURATION, "device " + deviceId + ": cannot claim GPIO lines " + pins
                    + ": " + e.getMessage(), e);
        }
        machine.start(contact.state().isHigh(), exitButton.state().isHigh(), clock.instant());
        contact.addListener(e -> onLine(() -> machine.contact(e.state() == DigitalState.HIGH, clock.instant())));
        exitButton.addListener(e -> onLine(() -> machine.exitButton(e.state() == DigitalState.HIGH, clock.instant())));
        if (tickEvery != null) {
            timer = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "door-" + deviceId + "-timer");
                t.setDaemon(true);
                return t;
            });
            timer.scheduleAtFixedRate(this::tick, tickEvery.toMillis(), tickEvery.toMillis(), TimeUnit.MILLISECONDS);
        }
        LOG.info("device {}: door lines claimed: relay {}, contact {}, exit button {}", deviceId,
                pins.relay(), pins.contact(), pins.exitButton());
    }

    private String ioId(String line) {
        return deviceId + "-" + line;
    }

    private void ensureBadgeReader() throws IOException {
        if (link != null && link.alive()) {
            return;
        }
        if (link != null) {
            link.close();
            link = null;
        }
        link = badges.open(this::onBytes, why -> LOG.warn("device {}: badge reader lost: {}", deviceId, why));
    }

    private interface Input {
        List<DoorEvent> apply();
    }

    private synchronized void onLine(Input input) {
        if (!closed) {
            step(input.apply());
        }
    }

    /** On the badge reader's thread. */
    private synchronized void onBytes(byte[] chunk) {
        if (closed) {
            return;
        }
        for (BadgeFrameDecoder.Result r : decoder.feed(chunk)) {
            Instant now = clock.instant();
            if (r instanceof BadgeFrameDecoder.Badge b) {
                step(machine.badge(b.id(), now));
            } else if (r instanceof BadgeFrameDecoder.Corrupt c) {
                long n = corruptFrames.incrementAndGet();
                LOG.warn("device {}: badge frame refused ({} so far): {}", deviceId, n, c.reason());
                try {
                    corrupt.accept(new CorruptFrame(deviceId, now, c.raw(), c.reason()));
                } catch (RuntimeException e) {
                    LOG.error("device {}: corrupt-frame sink failed: {}", deviceId, e.toString());
                }
            }
        }
    }

    /** Queues the events and puts the relay where the machine wants it. Caller holds {@code this}. */
    private void step(List<DoorEvent> raised) {
        for (DoorEvent e : raised) {
            queue(e);
        }
        boolean want = machine.relayOn();
        if (relay.state().isHigh() != want) {
            try {
                relay.state(want ? DigitalState.HIGH : DigitalState.LOW);
            } catch (RuntimeException ex) {
                LOG.error("device {}: cannot drive the lock relay {}: {}", deviceId, want ? "on" : "off", ex.toString());
            }
        }
    }

    private void queue(DoorEvent e) {
        EventSpec spec = profile.event(e.name()).orElseThrow(
                () -> new IllegalStateException("event " + e.name() + " is not in profile " + profile.id()));
        List<String> problems = spec.problems(e.attrs());
        if (!problems.isEmpty()) {
            // A bug here, not a device fault: deliver it anyway, the cloud validates again.
            LOG.error("device {}: event {} breaks profile {}: {}", deviceId, e.name(), profile.id(), problems);
        }
        Reading r = new Reading(0, deviceId, e.name(), e.at(), e.value(), spec.unit(), Quality.GOOD, e.attrs());
        if (!events.offer(r)) {
            long n = droppedEvents.incrementAndGet();
            LOG.warn("device {}: event queue full ({} events, no poll took them): dropped {} at {} ({} dropped so far)",
                    deviceId, MAX_QUEUED, e.name(), e.at(), n);
        }
    }

    private Reading signal(String name, boolean high, Instant at) {
        return new Reading(0, deviceId, name, at, high ? 1 : 0, "1", Quality.GOOD);
    }

    /** Events dropped because the queue was full. */
    public long droppedEvents() {
        return droppedEvents.get();
    }

    /** Badge frames refused (also handed to the sink). */
    public long corruptFrames() {
        return corruptFrames.get();
    }

    private void releaseGpio() {
        for (String line : new String[] {"exit", "contact", "lock"}) {
            String id = ioId(line);
            try {
                if (pi4j.registry().exists(id)) {
                    pi4j.shutdown(id);
                }
            } catch (RuntimeException e) {
                LOG.warn("device {}: cannot release GPIO {}: {}", deviceId, id, e.toString());
            }
        }
        relay = null;
        contact = null;
        exitButton = null;
    }

    /** The door events no poll took yet; the lines' states are not events and stay with the last poll. */
    @Override
    public List<Reading> drainOnStop() {
        List<Reading> out = new ArrayList<>();
        events.drainTo(out);
        return out;
    }

    @Override
    public void close() {
        ScheduledExecutorService t;
        BadgeLink l;
        synchronized (this) {
            closed = true;
            t = timer;
            l = link;
            timer = null;
            link = null;
        }
        if (t != null) {
            t.shutdownNow();
        }
        if (l != null) {
            l.close();
        }
        synchronized (this) {
            // Pi4J drives the relay to its shutdown state, LOW: the door locks.
            releaseGpio();
        }
        LOG.info("device {}: door driver closed", deviceId);
    }
}
