package fr.beffroi.edge.driver.waste;

import fr.beffroi.edge.driver.CorruptFrame;
import fr.beffroi.edge.driver.CorruptFrameSink;
import fr.beffroi.edge.driver.DeviceDriver;
import fr.beffroi.edge.driver.DeviceException;
import fr.beffroi.edge.driver.DeviceException.Kind;
import fr.beffroi.profiles.wire.Quality;
import fr.beffroi.profiles.wire.Reading;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The truck's GPS receiver: NMEA 0183 on a serial port (profile {@code waste/nmea-gps}).
 *
 * <p>A reading thread cuts sentences ({@link NmeaFramer}) and keeps the latest fix from RMC and GGA:
 * a valid RMC sets position, speed and course; a GGA with a fix sets position, quality, satellites,
 * HDOP and altitude; an RMC void (V) or a GGA of quality 0 clears the fix. A sentence with a bad
 * checksum or a malformed field goes to the {@link CorruptFrameSink} with the reason, and is counted.
 *
 * <p>A poll returns the latest fix as signal readings stamped with its receive time ({@code fix}
 * only, 0, when there is none). The same fix is what {@link #latest()} gives the bin-lift driver.
 * The port is opened on the first poll or {@link #latest()}; when it fails or vanishes, it is
 * reopened every {@link BinLiftRfidDriver#REOPEN_DELAY}, and polls fail UNREACHABLE naming the port.
 */
public final class NmeaGpsDriver implements DeviceDriver, PositionSource {

    private static final Logger LOG = LoggerFactory.getLogger(NmeaGpsDriver.class);
    private static final double KMH_PER_KNOT = 1.852;

    private final String deviceId;
    private final String serialPort;
    private final CorruptFrameSink corruptSink;
    private final Clock clock;
    private final SerialPump pump;
    private final NmeaFramer framer;
    private final AtomicLong corruptSentences = new AtomicLong();
    private final AtomicLong ignoredSentences = new AtomicLong();
    private volatile Fix latest;

    public NmeaGpsDriver(String deviceId, String serialPort, int baud, CorruptFrameSink corrupt, Clock clock) {
        this(deviceId, serialPort, JSerialCommLink.opener(serialPort, baud), BinLiftRfidDriver.REOPEN_DELAY, corrupt,
                clock);
    }

    /** For tests: any link. */
    NmeaGpsDriver(String deviceId, String serialPort, SerialLink.Opener opener, Duration reopenDelay,
                  CorruptFrameSink corrupt, Clock clock) {
        this.deviceId = Objects.requireNonNull(deviceId, "deviceId");
        this.serialPort = Objects.requireNonNull(serialPort, "serialPort");
        this.corruptSink = Objects.requireNonNull(corrupt, "corrupt");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.framer = new NmeaFramer(new FrameListener() {
            @Override
            public void frame(byte[] raw, String body) {
                onSentence(raw, body);
            }

            @Override
            public void corrupt(byte[] raw, String reason) {
                refuse(raw, reason);
            }
        });
        this.pump = new SerialPump(deviceId, serialPort, opener, reopenDelay, new SerialPump.Handler() {
            @Override
            public void bytes(byte[] chunk, int length) {
                receive(chunk, length);
            }

            @Override
            public void idle() {
            }

            @Override
            public void lost(String reason) {
                framer.reset(reason);
            }
        });
    }

    @Override
    public String deviceId() {
        return deviceId;
    }

    @Override
    public Optional<Fix> latest() {
        pump.start();
        return Optional.ofNullable(latest);
    }

    @Override
    public List<Reading> poll() throws DeviceException {
        pump.start();
        Optional<String> problem = pump.problem();
        if (problem.isPresent()) {
            throw new DeviceException(Kind.UNREACHABLE, SerialPump.describe(deviceId, serialPort, problem.get()));
        }
        Fix f = latest;
        List<Reading> out = new ArrayList<>();
        if (f == null) {
            out.add(signal("fix", clock.instant(), 0, "1"));
            return out;
        }
        Instant at = f.at();
        out.add(signal("fix", at, f.quality(), "1"));
        out.add(signal("lat", at, f.lat(), "deg"));
        out.add(signal("lon", at, f.lon(), "deg"));
        add(out, "hdop", at, f.hdop(), "1");
        add(out, "sats", at, f.sats(), "1");
        add(out, "alt", at, f.altM(), "m");
        add(out, "speed", at, f.speedKmh(), "km/h");
        add(out, "course", at, f.course(), "deg");
        return out;
    }

    private Reading signal(String point, Instant at, double value, String unit) {
        return new Reading(0, deviceId, point, at, value, unit, Quality.GOOD);
    }

    private void add(List<Reading> out, String point, Instant at, OptionalDouble value, String unit) {
        if (value.isPresent()) {
            out.add(signal(point, at, value.getAsDouble(), unit));
        }
    }

    /** Bytes from the port (the pump's thread; tests call it directly). */
    void receive(byte[] chunk, int length) {
        framer.accept(chunk, length);
    }

    private void onSentence(byte[] raw, String body) {
        NmeaSentence s;
        try {
            s = NmeaSentence.parse(body);
        } catch (IllegalArgumentException e) {
            refuse(raw, e.getMessage());
            return;
        }
        Instant now = clock.instant();
        Fix prev = latest;
        if (s instanceof NmeaSentence.Rmc rmc) {
            if (!rmc.valid() || rmc.position().isEmpty()) {
                lose("RMC void");
                return;
            }
            NmeaSentence.Position p = rmc.position().get();
            latest = new Fix(now, p.lat(), p.lon(), prev == null ? 1 : prev.quality(),
                    prev == null ? OptionalDouble.empty() : prev.hdop(),
                    prev == null ? OptionalDouble.empty() : prev.sats(),
                    prev == null ? OptionalDouble.empty() : prev.altM(),
                    rmc.speedKnots().isPresent() ? OptionalDouble.of(rmc.speedKnots().getAsDouble() * KMH_PER_KNOT)
                            : OptionalDouble.empty(),
                    rmc.course());
        } else if (s instanceof NmeaSentence.Gga gga) {
            if (gga.quality() == 0 || gga.position().isEmpty()) {
                lose("GGA quality 0");
                return;
            }
            NmeaSentence.Position p = gga.position().get();
            latest = new Fix(now, p.lat(), p.lon(), gga.quality(), gga.hdop(), gga.sats(), gga.altM(),
                    prev == null ? OptionalDouble.empty() : prev.speedKmh(),
                    prev == null ? OptionalDouble.empty() : prev.course());
        } else {
            ignoredSentences.incrementAndGet();
        }
    }

    private void lose(String why) {
        if (latest != null) {
            LOG.info("device {}: GPS fix lost ({})", deviceId, why);
        }
        latest = null;
    }

    private void refuse(byte[] raw, String reason) {
        long n = corruptSentences.incrementAndGet();
        if (n == 1 || n % 100 == 0) {
            LOG.warn("device {}: corrupt NMEA sentence refused ({} so far): {}", deviceId, n, reason);
        }
        try {
            corruptSink.accept(new CorruptFrame(deviceId, clock.instant(), raw, reason));
        } catch (RuntimeException e) {
            LOG.warn("device {}: corrupt-frame sink failed", deviceId, e);
        }
    }

    /** Sentences refused since the start. */
    public long corruptSentences() {
        return corruptSentences.get();
    }

    /** Valid sentences of types the driver does not use. */
    public long ignoredSentences() {
        return ignoredSentences.get();
    }

    @Override
    public void close() {
        pump.close();
    }
}
