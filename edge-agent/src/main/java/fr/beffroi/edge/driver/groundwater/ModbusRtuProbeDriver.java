package fr.beffroi.edge.driver.groundwater;

import fr.beffroi.edge.driver.DeviceDriver;
import fr.beffroi.edge.driver.DeviceException;
import fr.beffroi.edge.driver.DeviceException.Kind;
import fr.beffroi.profiles.codec.registers.RegisterMapDecoder;
import fr.beffroi.profiles.codec.registers.RegisterSpan;
import fr.beffroi.profiles.codec.registers.RegisterValue;
import fr.beffroi.profiles.load.ProfileLoader;
import fr.beffroi.profiles.model.DeviceProfile;
import fr.beffroi.profiles.model.ModelSpec;
import fr.beffroi.profiles.wire.Reading;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A groundwater probe on an RS-485 line, a Modbus RTU slave read with profile
 * {@code groundwater/modbus-rtu-probe}: each poll reads every polled register-map model (input
 * registers for the measurements, holding registers for the installation) in one request each, and
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

    private final String deviceId;
    private final RtuLink.Opener opener;
    private final Clock clock;
    private final List<ModelSpec> models;
    private final RegisterMapDecoder decoder = new RegisterMapDecoder();

    /** Guarded by {@code this}. */
    private RtuLink link;

    public ModbusRtuProbeDriver(String deviceId, String serialPort, int baud, int unitId, Duration timeout, Clock clock) {
        this(deviceId, DigitalpetriRtuLink.opener(deviceId, serialPort, baud, unitId, timeout),
                new ProfileLoader().load(PROFILE_FAMILY, PROFILE_ID), clock);
    }

    /** For tests: any link and profile. */
    ModbusRtuProbeDriver(String deviceId, RtuLink.Opener opener, DeviceProfile profile, Clock clock) {
        this.deviceId = Objects.requireNonNull(deviceId, "deviceId");
        this.opener = Objects.requireNonNull(opener, "opener");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.models = profile.polledModels().stream().filter(m -> m.layout().isRegisterMap()).toList();
        if (models.isEmpty()) {
            throw new IllegalArgumentException("profile " + profile.id() + " polls no register map");
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
                link = opener.open();
            }
            Instant ts = clock.instant();
            List<Reading> readings = new ArrayList<>();
            for (ModelSpec model : models) {
                RegisterSpan span = RegisterSpan.of(model);
                short[] words = link.read(model.layout(), span.address(), span.quantity());
                if (words.length < span.quantity()) {
                    throw new DeviceException(Kind.PROTOCOL, "device " + deviceId + ": " + model.name() + " needs "
                            + span.quantity() + " registers, got " + words.length);
                }
                for (RegisterValue v : decoder.decode(model, span, words)) {
                    readings.add(new Reading(0, deviceId, v.point(), ts, v.value(), v.unit(), v.quality()));
                }
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
