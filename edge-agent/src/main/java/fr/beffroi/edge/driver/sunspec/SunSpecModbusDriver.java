package fr.beffroi.edge.driver.sunspec;

import fr.beffroi.edge.driver.DeviceDriver;
import fr.beffroi.edge.driver.DeviceException;
import fr.beffroi.edge.driver.DeviceException.Kind;
import fr.beffroi.edge.driver.modbus.Plc4xRegisterLink;
import fr.beffroi.edge.driver.modbus.RegisterLink;
import fr.beffroi.profiles.codec.sunspec.DecodedPoint;
import fr.beffroi.profiles.codec.sunspec.ModelBlock;
import fr.beffroi.profiles.codec.sunspec.SunSpecDecoder;
import fr.beffroi.profiles.codec.sunspec.SunSpecException;
import fr.beffroi.profiles.codec.sunspec.SunSpecModelMap;
import fr.beffroi.profiles.codec.sunspec.SunSpecScanner;
import fr.beffroi.profiles.codec.sunspec.UnreadableRegistersException;
import fr.beffroi.profiles.load.ProfileLoader;
import fr.beffroi.profiles.model.DeviceProfile;
import fr.beffroi.profiles.model.ModelSpec;
import fr.beffroi.profiles.wire.Quality;
import fr.beffroi.profiles.wire.Reading;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * A SunSpec inverter on Modbus TCP, read through Apache PLC4X and decoded by the bundled
 * {@code pv/sunspec-inverter} profile.
 *
 * <p>On the first poll of a connection it finds the "SunS" marker and walks the model chain, and
 * keeps that map until a failure; each poll then reads every polled model block (the inverter
 * model 101/102/103) in one request. Any failure closes the connection and forgets the map, so the
 * next poll reconnects and rescans: a device whose firmware was updated may have moved its models.
 *
 * <p>Optional models (the MPPT extension 160) are polled when the device has them, one more read,
 * and skipped when it does not. Each poll also watches the operating state {@code St} and the event
 * flags {@code Evt1}: a change is logged once, as a {@link StatusTransition}, not at every poll.
 *
 * <p>Failures map to {@link Kind}: no connection or no answer is UNREACHABLE; no marker, a broken
 * chain, a block that moved or one whose own count (model 160's N) does not fit it is PROTOCOL; a device without the models the profile polls, or with
 * shorter ones, is CONFIGURATION.
 */
public final class SunSpecModbusDriver implements DeviceDriver {
    private static final Logger LOG = LoggerFactory.getLogger(SunSpecModbusDriver.class);
    static final String PROFILE_FAMILY = "pv";
    static final String PROFILE_ID = "sunspec-inverter";
    static final String ST = "St";
    static final String EVT1 = "Evt1";

    private final String deviceId;
    private final RegisterLink.Opener opener;
    private final DeviceProfile profile;
    private final Clock clock;
    private final SunSpecDecoder decoder = new SunSpecDecoder();
    private final Consumer<StatusTransition> transitions;
    /** The profile's event for a change of St or Evt1. */
    static final String STATUS_CHANGE = "statusChange";
    private final Map<Integer, String> stateSymbols;
    private final Map<Integer, String> eventSymbols;
    /** Guarded by {@code this}: the last St and Evt1 seen, null before the first GOOD value. */
    private Long lastState;
    private Long lastEvents;

    /** Guarded by {@code this}: the open link and the blocks found on it, both null when closed. */
    private RegisterLink link;
    private Map<ModelSpec, ModelBlock> polled;

    public SunSpecModbusDriver(String deviceId, String host, int port, int unitId, Duration timeout, Clock clock) {
        this(deviceId, Plc4xRegisterLink.opener(deviceId, host, port, unitId, timeout),
                new ProfileLoader().load(PROFILE_FAMILY, PROFILE_ID), clock);
    }

    /** For tests: any link opener and profile; transitions are logged. */
    SunSpecModbusDriver(String deviceId, RegisterLink.Opener opener, DeviceProfile profile, Clock clock) {
        this(deviceId, opener, profile, clock, t -> LOG.info("device {}: {} {} -> {}",
                t.deviceId(), t.point(), t.from(), t.to()));
    }

    /** For tests: transitions go to {@code transitions} instead of the log. */
    SunSpecModbusDriver(String deviceId, RegisterLink.Opener opener, DeviceProfile profile, Clock clock,
                        Consumer<StatusTransition> transitions) {
        this.transitions = Objects.requireNonNull(transitions, "transitions");
        this.stateSymbols = symbolsOf(profile, ST);
        this.eventSymbols = symbolsOf(profile, EVT1);
        this.deviceId = Objects.requireNonNull(deviceId, "deviceId");
        this.opener = Objects.requireNonNull(opener, "opener");
        this.profile = Objects.requireNonNull(profile, "profile");
        this.clock = Objects.requireNonNull(clock, "clock");
        if (profile.polledModels().isEmpty()) {
            throw new IllegalArgumentException("profile " + profile.id() + " polls no model");
        }
    }

    @Override
    public String deviceId() {
        return deviceId;
    }

    @Override
    public synchronized List<Reading> poll() throws DeviceException {
        try {
            if (link == null) {
                connectAndScan();
            }
            Instant ts = clock.instant();
            List<Reading> readings = new ArrayList<>();
            for (Map.Entry<ModelSpec, ModelBlock> e : polled.entrySet()) {
                ModelBlock block = e.getValue();
                short[] words = SunSpecScanner.readBlock(link, block);
                if ((words[0] & 0xFFFF) != block.id() || (words[1] & 0xFFFF) != block.length()) {
                    throw new DeviceException(Kind.PROTOCOL, "device " + deviceId + ": model " + block.id()
                            + " no longer at " + block.address() + " (found ID " + (words[0] & 0xFFFF) + ")");
                }
                List<DecodedPoint> decoded;
                try {
                    decoded = decoder.decode(e.getKey(), words);
                } catch (IllegalArgumentException bad) {
                    throw new DeviceException(Kind.PROTOCOL, "device " + deviceId + ": model " + block.id() + " at "
                            + block.address() + ": " + bad.getMessage(), bad);
                }
                for (DecodedPoint p : decoded) {
                    if (!p.isText()) {
                        readings.add(new Reading(0, deviceId, p.point(), ts, p.value(), p.unit().orElseThrow(), p.quality()));
                    }
                }
            }
            watchStatus(readings);
            return readings;
        } catch (DeviceException e) {
            drop(e);
            throw e;
        } catch (UnreadableRegistersException e) {
            DeviceException de = new DeviceException(Kind.PROTOCOL,
                    "device " + deviceId + " refused registers of its own model chain: " + e.getMessage(), e);
            drop(de);
            throw de;
        } catch (IOException e) {
            DeviceException de = new DeviceException(Kind.UNREACHABLE, "device " + deviceId + ": " + e.getMessage(), e);
            drop(de);
            throw de;
        }
    }

    private void connectAndScan() throws IOException, DeviceException {
        link = opener.open();
        SunSpecModelMap map;
        try {
            map = new SunSpecScanner(link).scan();
        } catch (SunSpecException e) {
            throw new DeviceException(Kind.PROTOCOL, "device " + deviceId + ": " + e.getMessage(), e);
        }
        Map<ModelSpec, ModelBlock> found = new LinkedHashMap<>();
        for (ModelSpec model : profile.models()) {
            ModelBlock block = map.find(model.ids()).orElse(null);
            if (block == null) {
                if (model.optional()) {
                    LOG.info("device {}: no model {} ({}), optional: not polled", deviceId, model.ids(), model.name());
                } else if (model.poll()) {
                    throw new DeviceException(Kind.CONFIGURATION, "device " + deviceId + " has none of models "
                            + model.ids() + " (" + model.name() + ") that profile " + profile.id() + " polls; it has "
                            + map.blocks().stream().map(ModelBlock::id).toList());
                }
                continue;
            }
            if (block.length() < model.length()) {
                throw new DeviceException(Kind.CONFIGURATION, "device " + deviceId + ": model " + block.id()
                        + " has length " + block.length() + ", profile " + profile.id() + " needs " + model.length());
            }
            if (model.poll()) {
                found.put(model, block);
            } else {
                logIdentity(model, block);
            }
        }
        polled = found;
        LOG.info("device {}: SunSpec map at {} with models {}", deviceId, map.base(),
                map.blocks().stream().map(b -> b.id() + "@" + b.address()).toList());
    }

    /** Reads an identity model once per connection, for the log: who answers at this address. */
    private void logIdentity(ModelSpec model, ModelBlock block) throws IOException {
        StringBuilder sb = new StringBuilder();
        for (DecodedPoint p : decoder.decode(model, SunSpecScanner.readBlock(link, block))) {
            p.text().ifPresent(t -> sb.append(sb.length() == 0 ? "" : " ").append(p.point()).append('=').append(t));
        }
        LOG.info("device {}: {} model {}: {}", deviceId, model.name(), block.id(), sb);
    }

    /**
     * Reports St and Evt1 once per change, logged and as a {@code statusChange} event among the
     * poll's readings (the profile's event: attrs point, from, to), so that the cloud and the rules
     * see a fault when it happens, not only as one value among many samples. A BAD value (not
     * implemented) is no change.
     */
    private void watchStatus(List<Reading> readings) {
        List<Reading> events = new ArrayList<>();
        for (Reading r : readings) {
            if (r.quality() != Quality.GOOD) {
                continue;
            }
            long value = (long) r.value();
            StatusTransition t = null;
            if (r.point().equals(ST) && (lastState == null || lastState != value)) {
                t = new StatusTransition(deviceId, ST, lastState == null ? "?" : stateName(lastState), stateName(value));
                lastState = value;
            } else if (r.point().equals(EVT1) && (lastEvents == null ? value != 0 : lastEvents != value)) {
                t = new StatusTransition(deviceId, EVT1, lastEvents == null ? "?" : eventNames(lastEvents),
                        eventNames(value));
                lastEvents = value;
            } else if (r.point().equals(EVT1) && lastEvents == null) {
                lastEvents = value;
            }
            if (t != null) {
                transitions.accept(t);
                Map<String, String> attrs = new LinkedHashMap<>();
                attrs.put("point", t.point());
                attrs.put("from", t.from());
                attrs.put("to", t.to());
                events.add(new Reading(0, deviceId, STATUS_CHANGE, r.ts(), r.value(), "1", Quality.GOOD, attrs));
            }
        }
        readings.addAll(events);
    }

    private String stateName(long code) {
        return stateSymbols.getOrDefault((int) code, Long.toString(code));
    }

    /** The set bits by symbol, unknown bits by number: {@code [GROUND_FAULT, bit 17]}. */
    private String eventNames(long bits) {
        List<String> names = new ArrayList<>();
        for (int bit = 0; bit < 32; bit++) {
            if ((bits & (1L << bit)) != 0) {
                names.add(eventSymbols.getOrDefault(bit, "bit " + bit));
            }
        }
        return names.toString();
    }

    /** value → symbol of a point of the profile's polled models; empty when the profile lacks it. */
    private static Map<Integer, String> symbolsOf(DeviceProfile profile, String point) {
        Map<Integer, String> byValue = new HashMap<>();
        profile.polledModels().stream().flatMap(m -> m.point(point).stream()).findFirst()
                .ifPresent(p -> p.symbols().forEach((name, value) -> byValue.put(value, name)));
        return Map.copyOf(byValue);
    }

    private void drop(DeviceException cause) {
        LOG.warn("device {}: poll failed ({}): {}; closing the connection", deviceId, cause.kind(), cause.getMessage());
        closeLink();
    }

    private void closeLink() {
        if (link != null) {
            link.close();
        }
        link = null;
        polled = null;
    }

    @Override
    public synchronized void close() {
        closeLink();
    }
}
