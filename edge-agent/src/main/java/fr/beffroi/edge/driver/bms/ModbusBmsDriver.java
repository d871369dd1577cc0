package fr.beffroi.edge.driver.bms;

import fr.beffroi.edge.actuator.Actuator;
import fr.beffroi.edge.driver.DeviceDriver;
import fr.beffroi.edge.driver.DeviceException;
import fr.beffroi.edge.driver.DeviceException.Kind;
import fr.beffroi.edge.driver.modbus.Plc4xRegisterLink;
import fr.beffroi.edge.driver.modbus.RegisterLink;
import fr.beffroi.edge.driver.modbus.UnwritableRegistersException;
import fr.beffroi.profiles.codec.modbus.AddressedPoint;
import fr.beffroi.profiles.codec.modbus.ModbusValue;
import fr.beffroi.profiles.codec.modbus.ReadSpan;
import fr.beffroi.profiles.codec.modbus.RegisterCodec;
import fr.beffroi.profiles.codec.modbus.RegisterLayout;
import fr.beffroi.profiles.codec.sunspec.UnreadableRegistersException;
import fr.beffroi.profiles.load.ProfileLoader;
import fr.beffroi.profiles.model.DeviceProfile;
import fr.beffroi.profiles.wire.Reading;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A public building's management system on Modbus TCP, read through Apache PLC4X and decoded by the
 * bundled {@code bms/modbus-building} profile: building block (outdoor temperature, heat meter)
 * and one block per heating zone.
 *
 * <p>On the first poll of a connection it reads the building block to learn how many zones the
 * controller has, lays the zones out and plans the fewest reads (a school with up to 9 zones is one
 * request); each poll then reads those spans. The zone count is read again at every poll (it sits
 * in the first span): if it changed, the poll fails and the next one lays the map out afresh.
 *
 * <p>{@link #write} sends a command to a writable point ({@code zone2.setpoint}, {@code zone1.mode},
 * {@code zone3.light1}); it refuses, before anything goes on the wire, a point the profile does not
 * mark writable or a value outside its range.
 *
 * <p>Failures map to {@link Kind}: no connection or no answer is UNREACHABLE; a zone count that
 * changes under us is PROTOCOL; a device that refuses registers or writes its profile maps, or
 * reports a zone count the map has no room for, and a command the profile refuses, are
 * CONFIGURATION.
 */
public final class ModbusBmsDriver implements DeviceDriver, Actuator {
    private static final Logger LOG = LoggerFactory.getLogger(ModbusBmsDriver.class);
    static final String PROFILE_FAMILY = "bms";
    static final String PROFILE_ID = "modbus-building";
    /**
     * Unused registers a read may span rather than split: the building block ends at 8 and the
     * zones start at 16, and a zone's last 2 of 12 registers are spare. Controllers that refuse
     * reads across undefined registers would need 0 here (a profile setting, when one shows up).
     */
    static final int MAX_GAP = 16;

    private final String deviceId;
    private final RegisterLink.Opener opener;
    private final DeviceProfile profile;
    private final Clock clock;
    private final RegisterLayout once;
    private final List<ReadSpan> onceSpans;

    /** Guarded by {@code this}: the open link and the map laid out on it, all null when closed. */
    private RegisterLink link;
    private RegisterLayout layout;
    private List<ReadSpan> spans;
    private Map<String, Integer> instances;

    public ModbusBmsDriver(String deviceId, String host, int port, int unitId, Duration timeout, Clock clock) {
        this(deviceId, Plc4xRegisterLink.opener(deviceId, host, port, unitId, timeout),
                new ProfileLoader().load(PROFILE_FAMILY, PROFILE_ID), clock);
    }

    /** For tests: any link opener and plain-register profile. */
    ModbusBmsDriver(String deviceId, RegisterLink.Opener opener, DeviceProfile profile, Clock clock) {
        this.deviceId = Objects.requireNonNull(deviceId, "deviceId");
        this.opener = Objects.requireNonNull(opener, "opener");
        this.profile = Objects.requireNonNull(profile, "profile");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.once = RegisterLayout.once(profile);
        this.onceSpans = once.spans(MAX_GAP);
    }

    @Override
    public String deviceId() {
        return deviceId;
    }

    @Override
    public synchronized List<Reading> poll() throws DeviceException {
        try {
            connectAndLayOut();
            Instant ts = clock.instant();
            List<ModbusValue> values = layout.decode(spans, readAll(spans));
            Map<String, Integer> now = countInstances(values);
            if (!now.equals(instances)) {
                throw new DeviceException(Kind.PROTOCOL, "device " + deviceId + ": instance counts changed from "
                        + instances + " to " + now);
            }
            List<Reading> readings = new ArrayList<>(values.size());
            for (ModbusValue v : values) {
                readings.add(new Reading(0, deviceId, v.point(), ts, v.value(), v.unit(), v.quality()));
            }
            return readings;
        } catch (DeviceException e) {
            drop(e);
            throw e;
        } catch (IOException e) {
            DeviceException de = asDeviceException(e);
            drop(de);
            throw de;
        }
    }

    /**
     * Writes one command to the device, for rules and the command downlink.
     *
     * @param point reading name of a writable point ({@code zone2.setpoint}, {@code zone1.mode})
     * @param value in the point's unit (°C for a setpoint; the symbol's value for a mode: 0 ARRET,
     *              1 HORS_GEL, 2 REDUIT, 3 CONFORT; 0 or 1 for a light)
     * @throws DeviceException CONFIGURATION, with the reason, for a point the device does not have,
     *                         one not writable, a value outside its range, or a write the device
     *                         refuses; UNREACHABLE when the device cannot be reached
     */
    public synchronized void write(String point, double value) throws DeviceException {
        try {
            connectAndLayOut();
        } catch (DeviceException e) {
            drop(e);
            throw e;
        } catch (IOException e) {
            DeviceException de = asDeviceException(e);
            drop(de);
            throw de;
        }
        AddressedPoint target = layout.point(point).orElseThrow(() -> new DeviceException(Kind.CONFIGURATION,
                "device " + deviceId + " has no point '" + point + "' (profile " + profile.id() + ", "
                        + instances + ")"));
        short[] words;
        try {
            words = RegisterCodec.encodeCommand(target.spec(), value);
        } catch (IllegalArgumentException e) {
            throw new DeviceException(Kind.CONFIGURATION, "device " + deviceId + ": refused to write " + point
                    + ": " + e.getMessage());
        }
        try {
            link.write(target.address(), words);
            LOG.info("device {}: wrote {} = {} {} at register {}", deviceId, point, value, target.spec().unit(),
                    target.address());
        } catch (UnwritableRegistersException e) {
            // the device answered: the connection is fine, the profile and the device disagree
            LOG.warn("device {}: refused the write of {} = {}: {}", deviceId, point, value, e.getMessage());
            throw new DeviceException(Kind.CONFIGURATION, "device " + deviceId + " refused " + point + " = "
                    + value + ": " + e.getMessage(), e);
        } catch (IOException e) {
            DeviceException de = new DeviceException(Kind.UNREACHABLE, "device " + deviceId + ": writing " + point
                    + ": " + e.getMessage(), e);
            drop(de);
            throw de;
        }
    }

    private void connectAndLayOut() throws IOException, DeviceException {
        if (link != null) {
            return;
        }
        link = opener.open();
        Map<String, Integer> counts = countInstances(once.decode(onceSpans, readAll(onceSpans)));
        layout = RegisterLayout.of(profile, counts);
        spans = layout.spans(MAX_GAP);
        instances = counts;
        LOG.info("device {}: {} with {}: {} points in {} read(s) {}", deviceId, profile.id(), counts,
                layout.points().size(), spans.size(), spans);
    }

    private Map<String, Integer> countInstances(List<ModbusValue> values) throws DeviceException {
        try {
            return RegisterLayout.instances(profile, values);
        } catch (IllegalArgumentException e) {
            throw new DeviceException(Kind.CONFIGURATION, "device " + deviceId + " does not fit profile "
                    + profile.id() + ": " + e.getMessage(), e);
        }
    }

    private List<short[]> readAll(List<ReadSpan> toRead) throws IOException {
        List<short[]> words = new ArrayList<>(toRead.size());
        for (ReadSpan s : toRead) {
            words.add(link.read(s.address(), s.count()));
        }
        return words;
    }

    private DeviceException asDeviceException(IOException e) {
        if (e instanceof UnreadableRegistersException) {
            return new DeviceException(Kind.CONFIGURATION, "device " + deviceId + " refused registers that profile "
                    + profile.id() + " maps: " + e.getMessage(), e);
        }
        return new DeviceException(Kind.UNREACHABLE, "device " + deviceId + ": " + e.getMessage(), e);
    }

    private void drop(DeviceException cause) {
        LOG.warn("device {}: {} ({}); closing the connection", deviceId, cause.getMessage(), cause.kind());
        closeLink();
    }

    private void closeLink() {
        if (link != null) {
            link.close();
        }
        link = null;
        layout = null;
        spans = null;
        instances = null;
    }

    @Override
    public synchronized void close() {
        closeLink();
    }
}
