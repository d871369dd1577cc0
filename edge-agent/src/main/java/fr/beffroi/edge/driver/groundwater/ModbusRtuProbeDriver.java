package fr.beffroi.edge.driver.groundwater;

import fr.beffroi.edge.driver.DeviceDriver;
import fr.beffroi.edge.driver.DeviceException;
import fr.beffroi.edge.driver.DeviceException.Kind;
import fr.beffroi.profiles.codec.modbus.ModbusValue;
import fr.beffroi.profiles.codec.modbus.ReadSpan;
import fr.beffroi.profiles.codec.modbus.RegisterLayout;
import fr.beffroi.profiles.load.ProfileLoader;
import fr.beffroi.profiles.model.DeviceProfile;
import fr.beffroi.profiles.wire.Reading;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A groundwater probe on an RS-485 line, a Modbus RTU slave read with profile
 * {@code groundwater/modbus-rtu-probe}, laid out and decoded by the same plain-register codec as
 * building controllers ({@link RegisterLayout}): each poll reads every span the layout plans (one for
 * the input registers of the measurements, one for the holding registers of the installation) and
 * stamps the readings with the poll's instant.
 *
 * <p>Failures: a port that cannot be opened or a slave that does not answer is UNREACHABLE; a bad
 * CRC or an exception response is PROTOCOL. Any failure closes the port; the next poll reopens it,
 * as a USB adapter may have been unplugged and plugged back.
 */
public final class ModbusRtuProbeDriver implements DeviceDriver {

    private static final Logger LOG = LoggerFactory.getLogger(ModbusRtuProbeDriver.class);
    static final String PROFILE_FAMILY = "groundwater";
    static final String PROFILE_ID = "modbus-rtu-probe";
    /** A probe refuses reads of registers its map does not define: never read across a gap. */
    static final int MAX_GAP = 0;

    private final String deviceId;
    private final RtuLink.Opener opener;
    private final Clock clock;
    private final RegisterLayout layout;
    private final List<ReadSpan> spans;

    /** Guarded by {@code this}. */
    private RtuLink link;

    public ModbusRtuProbeDriver(String deviceId, String serialPort, int baud, int unitId, Duration timeout, Clock clock) {
        this(deviceId, DigitalpetriRtuLink.opener(deviceId, serialPort, baud, unitId, timeout),
                new ProfileLoader().load(PROFILE_FAMILY, PROFILE_ID), clock);
    }

    /**
     * For tests: any link and plain-register profile without repeated blocks.
     *
     * @throws IllegalArgumentException when the profile has no plain registers or repeats a block
     */
    ModbusRtuProbeDriver(String deviceId, RtuLink.Opener opener, DeviceProfile profile, Clock clock) {
        this.deviceId = Objects.requireNonNull(deviceId, "deviceId");
        this.opener = Objects.requireNonNull(opener, "opener");
        this.clock = Objects.requireNonNull(clock, "clock");
        // a probe's map is fixed: no instance counts to discover
        this.layout = RegisterLayout.of(profile, Map.of());
        this.spans = layout.spans(MAX_GAP);
    }

    @Override
    public String deviceId() {
        return deviceId;
    }

    @Override
    public synchronized List<Reading> poll() throws DeviceException {
        try {
            if (link == null) {
                link = opener.open();
            }
            Instant ts = clock.instant();
            List<short[]> words = new ArrayList<>(spans.size());
            for (ReadSpan span : spans) {
                short[] w = link.read(span.table(), span.address(), span.count());
                if (w.length != span.count()) {
                    throw new DeviceException(Kind.PROTOCOL, "device " + deviceId + ": asked " + span.count() + " "
                            + span.table().yamlName() + " registers at " + span.address() + ", got " + w.length);
                }
                words.add(w);
            }
            List<Reading> readings = new ArrayList<>();
            for (ModbusValue v : layout.decode(spans, words)) {
                readings.add(new Reading(0, deviceId, v.point(), ts, v.value(), v.unit(), v.quality()));
            }
            return readings;
        } catch (DeviceException e) {
            LOG.warn("device {}: poll failed ({}): {}; closing the serial port", deviceId, e.kind(), e.getMessage());
            closeLink();
            throw e;
        }
    }

    private void closeLink() {
        if (link != null) {
            link.close();
        }
        link = null;
    }

    @Override
    public synchronized void close() {
        closeLink();
    }
}
