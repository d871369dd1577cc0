package fr.beffroi.edge.bacnet;

import com.serotonin.bacnet4j.LocalDevice;
import com.serotonin.bacnet4j.RemoteDevice;
import com.serotonin.bacnet4j.exception.BACnetException;
import com.serotonin.bacnet4j.exception.ErrorAPDUException;
import com.serotonin.bacnet4j.exception.RejectAPDUException;
import com.serotonin.bacnet4j.npdu.ip.IpNetwork;
import com.serotonin.bacnet4j.npdu.ip.IpNetworkBuilder;
import com.serotonin.bacnet4j.npdu.ip.IpNetworkUtils;
import com.serotonin.bacnet4j.service.acknowledgement.ReadPropertyAck;
import com.serotonin.bacnet4j.service.acknowledgement.ReadPropertyMultipleAck;
import com.serotonin.bacnet4j.service.confirmed.ReadPropertyMultipleRequest;
import com.serotonin.bacnet4j.service.confirmed.ReadPropertyRequest;
import com.serotonin.bacnet4j.service.confirmed.WritePropertyRequest;
import com.serotonin.bacnet4j.transport.DefaultTransport;
import com.serotonin.bacnet4j.type.Encodable;
import com.serotonin.bacnet4j.type.constructed.Address;
import com.serotonin.bacnet4j.type.constructed.PropertyReference;
import com.serotonin.bacnet4j.type.constructed.ReadAccessResult;
import com.serotonin.bacnet4j.type.constructed.ReadAccessSpecification;
import com.serotonin.bacnet4j.type.constructed.Scale;
import com.serotonin.bacnet4j.type.constructed.SequenceOf;
import com.serotonin.bacnet4j.type.constructed.StatusFlags;
import com.serotonin.bacnet4j.type.enumerated.EngineeringUnits;
import com.serotonin.bacnet4j.type.enumerated.ErrorClass;
import com.serotonin.bacnet4j.type.enumerated.ErrorCode;
import com.serotonin.bacnet4j.type.enumerated.ObjectType;
import com.serotonin.bacnet4j.type.enumerated.PropertyIdentifier;
import com.serotonin.bacnet4j.type.enumerated.RejectReason;
import com.serotonin.bacnet4j.type.error.BaseError;
import com.serotonin.bacnet4j.type.error.ErrorClassAndCode;
import com.serotonin.bacnet4j.type.primitive.ObjectIdentifier;
import com.serotonin.bacnet4j.type.primitive.UnsignedInteger;
import fr.beffroi.edge.actuator.Actuator;
import fr.beffroi.edge.driver.DeviceDriver;
import fr.beffroi.edge.driver.DeviceException;
import fr.beffroi.edge.driver.DeviceException.Kind;
import fr.beffroi.profiles.load.ProfileLoader;
import fr.beffroi.profiles.model.DeviceProfile;
import fr.beffroi.profiles.model.SignalSpec;
import fr.beffroi.profiles.wire.Quality;
import fr.beffroi.profiles.wire.Reading;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.InetAddress;
import java.net.InterfaceAddress;
import java.net.NetworkInterface;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * A public building's management system on BACnet/IP (ASHRAE 135 Annex J), through BACnet4J: the
 * gateway runs a small local BACnet device bound to one interface and UDP port, and asks the
 * controller (a remote device known by its instance number and IP address) for the present-value
 * and status flags of every object in the point map.
 *
 * <p>On the first poll of a connection it reads each analog object's {@code units} (and each
 * Accumulator's {@code scale}) and checks them against the {@code bms/bacnet-building} profile: a
 * controller that says °F where the profile says Cel is a configuration error, not a value to
 * convert silently. Each poll then reads present-values with ReadPropertyMultiple, at most {@link
 * #OBJECTS_PER_REQUEST} objects a request; a device that rejects ReadPropertyMultiple is read one
 * property at a time for the rest of the connection.
 *
 * <p>{@link #write} commands a present-value at priority {@link #COMMAND_PRIORITY}, after the
 * profile's {@link SignalSpec#commandProblem} has accepted it.
 *
 * <p>Failures map to {@link Kind}: no answer within the timeout is UNREACHABLE (naming the device
 * instance and address); an error, reject or abort PDU is PROTOCOL, with its class and code or
 * reason; an object or property the device does not have, units that disagree with the profile, a
 * local address that cannot be bound, are CONFIGURATION. After UNREACHABLE the local device is
 * closed and reopened at the next poll, which then reads units again (the controller may have
 * been reprogrammed while it was away).
 */
public final class BacnetBmsDriver implements DeviceDriver, Actuator {
    private static final Logger LOG = LoggerFactory.getLogger(BacnetBmsDriver.class);
    static final String PROFILE_FAMILY = "bms";
    static final String PROFILE_ID = "bacnet-building";

    /**
     * BACnet priority 8, "Manual Operator" (ASHRAE 135 §19.2.1.1): a command from the platform is an
     * operator's decision (a person, or a rule a person wrote), so it overrides the controller's own
     * schedules and optimisers (usually 10–16), yet yields to life safety (1–2) and to equipment
     * protection such as minimum on/off times (5–6). Priority 8 is also where building tools and
     * technicians expect manual commands, and where they look to relinquish them.
     */
    public static final int COMMAND_PRIORITY = 8;
    /**
     * The instance of the gateway's own BACnet device when the config does not give one: the highest
     * valid instance, which controllers' programmes rarely use. Two gateways on one BACnet network
     * need distinct instances.
     */
    public static final int DEFAULT_LOCAL_INSTANCE = BacnetPoint.MAX_INSTANCE;
    /**
     * Objects per ReadPropertyMultiple. Two properties each: 20 objects make a request of about 200
     * bytes and an answer of about 300, under the 480-byte APDU of the smallest BACnet/IP routers
     * and MS/TP controllers, so no request needs segmentation.
     */
    static final int OBJECTS_PER_REQUEST = 20;

    private final String deviceId;
    private final String localBind;
    private final int localPort;
    private final int localInstance;
    private final String remoteHost;
    private final int remotePort;
    private final int remoteInstance;
    private final List<BacnetPoint> points;
    private final Map<String, BacnetPoint> bySignal;
    private final DeviceProfile profile;
    private final Duration timeout;
    private final Clock clock;
    private final String who;

    /** Guarded by {@code this}: the open local device and what the first poll learned, null when closed. */
    private LocalDevice local;
    private RemoteDevice remote;
    private Map<BacnetPoint, Scale> scales;
    private boolean singleReads;

    /**
     * @param deviceId       the device id from the gateway config
     * @param localBind      the gateway's address to bind its BACnet device to ({@code 127.0.0.1}, an
     *                       interface address, or {@code 0.0.0.0})
     * @param localPort      its UDP port: 47808 (0xBAC0) in the field; another one when a second BACnet
     *                       device runs on the same host
     * @param remoteHost     the controller's IP address
     * @param remotePort     the controller's UDP port, 47808 in the field
     * @param remoteInstance the controller's device instance number
     * @param map            which object carries which profile signal ({@link BacnetPoint#buildingMap})
     * @param timeout        longest wait for one answer; no retry within a poll (the scheduler retries)
     */
    public BacnetBmsDriver(String deviceId, String localBind, int localPort, String remoteHost, int remotePort,
                           int remoteInstance, List<BacnetPoint> map, Duration timeout, Clock clock) {
        this(deviceId, localBind, localPort, DEFAULT_LOCAL_INSTANCE, remoteHost, remotePort, remoteInstance, map,
                timeout, clock);
    }

    /** @param localInstance the instance number of the gateway's own BACnet device */
    public BacnetBmsDriver(String deviceId, String localBind, int localPort, int localInstance, String remoteHost,
                           int remotePort, int remoteInstance, List<BacnetPoint> map, Duration timeout, Clock clock) {
        this(deviceId, localBind, localPort, localInstance, remoteHost, remotePort, remoteInstance, map, timeout,
                clock, new ProfileLoader().load(PROFILE_FAMILY, PROFILE_ID));
    }

    BacnetBmsDriver(String deviceId, String localBind, int localPort, int localInstance, String remoteHost,
                    int remotePort, int remoteInstance, List<BacnetPoint> map, Duration timeout, Clock clock,
                    DeviceProfile profile) {
        this.deviceId = Objects.requireNonNull(deviceId, "deviceId");
        this.localBind = Objects.requireNonNull(localBind, "localBind");
        this.remoteHost = Objects.requireNonNull(remoteHost, "remoteHost");
        this.timeout = Objects.requireNonNull(timeout, "timeout");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.profile = Objects.requireNonNull(profile, "profile");
        this.points = List.copyOf(map);
        this.localPort = localPort;
        this.localInstance = localInstance;
        this.remotePort = remotePort;
        this.remoteInstance = remoteInstance;
        List<String> problems = problems(deviceId, localPort, localInstance, remotePort, remoteInstance, points,
                timeout, profile);
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException("device " + deviceId + ": " + String.join("; ", problems));
        }
        Map<String, BacnetPoint> index = new LinkedHashMap<>();
        points.forEach(p -> index.put(p.signal(), p));
        this.bySignal = Map.copyOf(index);
        this.who = "device " + deviceId + " (BACnet device " + remoteInstance + " at " + remoteHost + ":" + remotePort
                + ")";
    }

    /** Every problem of a driver config at once; empty when it is sound. */
    static List<String> problems(String deviceId, int localPort, int localInstance, int remotePort,
                                 int remoteInstance, List<BacnetPoint> points, Duration timeout,
                                 DeviceProfile profile) {
        List<String> problems = new ArrayList<>();
        if (localPort < 1 || localPort > 65535) {
            problems.add("localPort must be in 1..65535, got " + localPort);
        }
        if (remotePort < 1 || remotePort > 65535) {
            problems.add("remotePort must be in 1..65535, got " + remotePort);
        }
        if (localInstance < 0 || localInstance > BacnetPoint.MAX_INSTANCE) {
            problems.add("localInstance must be in 0.." + BacnetPoint.MAX_INSTANCE + ", got " + localInstance);
        }
        if (remoteInstance < 0 || remoteInstance > BacnetPoint.MAX_INSTANCE) {
            problems.add("remoteInstance must be in 0.." + BacnetPoint.MAX_INSTANCE + ", got " + remoteInstance);
        }
        if (localInstance == remoteInstance) {
            problems.add("localInstance and remoteInstance are both " + remoteInstance
                    + ": two devices on one network need distinct instances");
        }
        if (timeout.isNegative() || timeout.isZero() || timeout.compareTo(Duration.ofMinutes(1)) > 0) {
            problems.add("timeout must be in (0, 1 min], got " + timeout);
        }
        if (points.isEmpty()) {
            problems.add("the point map is empty");
        }
        Set<String> signals = new HashSet<>();
        Set<String> objects = new HashSet<>();
        for (BacnetPoint p : points) {
            if (!signals.add(p.signal())) {
                problems.add("signal " + p.signal() + " is mapped twice");
            }
            if (!objects.add(p.object())) {
                problems.add("object " + p.object() + " carries two signals");
            }
            Optional<SignalSpec> spec = profile.signal(p.signal());
            if (spec.isEmpty()) {
                problems.add("profile " + profile.id() + " has no signal '" + p.signal() + "'");
                continue;
            }
            if (spec.get().writable() && !p.type().commandable()) {
                problems.add(p.signal() + " is writable but " + p.object() + " cannot be commanded");
            }
            if (!p.type().hasUnits() && !spec.get().unit().equals("1")) {
                problems.add(p.signal() + " is in " + spec.get().unit() + " but " + p.object() + " has no units");
            }
        }
        return problems;
    }

    @Override
    public String deviceId() {
        return deviceId;
    }

    /** The point map, in poll order. */
    public List<BacnetPoint> points() {
        return points;
    }

    @Override
    public synchronized List<Reading> poll() throws DeviceException {
        try {
            open();
            describe();
            Map<BacnetPoint, Map<PropertyIdentifier, Answer>> answers = read(points,
                    List.of(PropertyIdentifier.presentValue, PropertyIdentifier.statusFlags), "reading present-values");
            Instant ts = clock.instant();
            List<Reading> readings = new ArrayList<>(points.size());
            for (BacnetPoint p : points) {
                Map<PropertyIdentifier, Answer> a = answers.get(p);
                Encodable pv = required(p, PropertyIdentifier.presentValue, a);
                Answer flags = a.get(PropertyIdentifier.statusFlags);
                // status flags are required by the standard, but a device that fails them still has a value
                Quality quality = flags != null && flags.value() instanceof StatusFlags sf ? BacnetValues.quality(sf)
                        : Quality.UNCERTAIN;
                double value = number(p, pv);
                if (p.type() == BacnetObjectType.ACCUMULATOR) {
                    value = BacnetValues.scaled(value, scales.get(p));
                }
                readings.add(new Reading(0, deviceId, p.signal(), ts, value, unit(p), quality));
            }
            return readings;
        } catch (DeviceException e) {
            fail(e);
            throw e;
        }
    }

    /**
     * Commands one writable signal: WriteProperty of its present-value at priority {@link
     * #COMMAND_PRIORITY}.
     *
     * @param point signal name ({@code zone2_setpoint}, {@code zone1_mode})
     * @param value in the signal's unit (°C for a setpoint; 1 confort, 2 réduit, 3 hors-gel, 4 arrêt)
     * @throws DeviceException CONFIGURATION, before anything goes on the wire, for a signal not in the
     *                         map, not writable, or a value the profile or object type refuses, and
     *                         for a write the device refuses as such; PROTOCOL for another error,
     *                         reject or abort; UNREACHABLE when the device does not answer
     */
    public synchronized void write(String point, double value) throws DeviceException {
        BacnetPoint p = bySignal.get(point);
        if (p == null) {
            throw new DeviceException(Kind.CONFIGURATION, who + " has no point '" + point + "' in its map");
        }
        SignalSpec spec = profile.signal(point).orElseThrow();
        Optional<String> problem = spec.commandProblem(value);
        if (problem.isPresent()) {
            throw new DeviceException(Kind.CONFIGURATION, who + ": refused to write " + point + ": " + problem.get());
        }
        Encodable encoded;
        try {
            encoded = BacnetValues.command(p.type(), value);
        } catch (IllegalArgumentException e) {
            throw new DeviceException(Kind.CONFIGURATION, who + ": refused to write " + point + ": " + e.getMessage());
        }
        try {
            open();
            local.send(remote, new WritePropertyRequest(oid(p), PropertyIdentifier.presentValue, null, encoded,
                    new UnsignedInteger(COMMAND_PRIORITY))).get();
            LOG.info("device {}: wrote {} = {} {} to {} at priority {}", deviceId, point, value, spec.unit(), p.object(),
                    COMMAND_PRIORITY);
        } catch (BACnetException e) {
            DeviceException de = BacnetFailures.classify(who, timeout, "writing " + point + " = " + value + " to "
                    + p.object(), e);
            if (de.kind() == Kind.UNREACHABLE) {
                fail(de);
            } else {
                LOG.warn("device {}: {} ({})", deviceId, de.getMessage(), de.kind());
            }
            throw de;
        } catch (DeviceException e) {
            fail(e);
            throw e;
        }
    }

    private void open() throws DeviceException {
        if (local != null) {
            return;
        }
        Subnet subnet = subnetOf(localBind);
        IpNetwork network = new IpNetworkBuilder()
                .withLocalBindAddress(localBind)
                .withBroadcast(subnet.broadcast(), subnet.prefix())
                .withPort(localPort)
                .build();
        DefaultTransport transport = new DefaultTransport(network);
        transport.setTimeout((int) Math.max(1, timeout.toMillis()));
        transport.setSegTimeout((int) Math.max(1, timeout.toMillis()));
        // no retry inside a poll: the scheduler retries with back-off, and a hung poll holds others up
        transport.setRetries(0);
        LocalDevice device = new LocalDevice(localInstance, transport);
        try {
            device.initialize();
        } catch (Exception e) {
            device.terminate();
            throw new DeviceException(Kind.CONFIGURATION, "device " + deviceId + ": cannot open the local BACnet device "
                    + localInstance + " on " + localBind + ":" + localPort + ": " + e, e);
        }
        try {
            remote = identify(device);
        } catch (DeviceException e) {
            device.terminate();
            throw e;
        }
        local = device;
        LOG.info("device {}: local BACnet device {} on {}:{}, controller {} at {}:{} (APDU up to {} bytes, {})",
                deviceId, localInstance, localBind, localPort, remoteInstance, remoteHost, remotePort,
                remote.getMaxAPDULengthAccepted(), remote.getSegmentationSupported());
    }

    /**
     * Asks the controller's device object how long a request it accepts and whether it segments:
     * until then BACnet4J assumes the 50-byte minimum, too short for one ReadPropertyMultiple. The
     * same reads check that the device at that address has the configured instance.
     */
    private RemoteDevice identify(LocalDevice device) throws DeviceException {
        Address address;
        try {
            address = IpNetworkUtils.toAddress(remoteHost, remotePort);
        } catch (RuntimeException e) {
            throw new DeviceException(Kind.UNREACHABLE, who + ": cannot resolve " + remoteHost + ": " + e, e);
        }
        ObjectIdentifier deviceObject = new ObjectIdentifier(ObjectType.device, remoteInstance);
        RemoteDevice rd = new RemoteDevice(device, remoteInstance, address);
        for (PropertyIdentifier pid : List.of(PropertyIdentifier.maxApduLengthAccepted,
                PropertyIdentifier.segmentationSupported)) {
            try {
                ReadPropertyAck ack = device.send(address, new ReadPropertyRequest(deviceObject, pid)).get();
                rd.setDeviceProperty(pid, ack.getValue());
            } catch (BACnetException e) {
                throw BacnetFailures.classify(who, timeout, "reading device " + remoteInstance + " " + pid, e);
            }
        }
        return rd;
    }

    /** Reads units (and Accumulator scales) once per connection, and checks them against the profile. */
    private void describe() throws DeviceException {
        if (scales != null) {
            return;
        }
        List<BacnetPoint> withUnits = points.stream().filter(p -> p.type().hasUnits()).toList();
        Map<BacnetPoint, Scale> found = new HashMap<>();
        if (!withUnits.isEmpty()) {
            Map<BacnetPoint, Map<PropertyIdentifier, Answer>> answers = read(withUnits,
                    List.of(PropertyIdentifier.units), "reading units");
            List<BacnetPoint> accumulators = withUnits.stream()
                    .filter(p -> p.type() == BacnetObjectType.ACCUMULATOR).toList();
            Map<BacnetPoint, Map<PropertyIdentifier, Answer>> scaleAnswers = accumulators.isEmpty() ? Map.of()
                    : read(accumulators, List.of(PropertyIdentifier.scale), "reading accumulator scales");
            List<String> mismatches = new ArrayList<>();
            for (BacnetPoint p : withUnits) {
                Encodable u = required(p, PropertyIdentifier.units, answers.get(p));
                String want = unit(p);
                Optional<String> got = u instanceof EngineeringUnits eu ? BacnetValues.ucum(eu) : Optional.empty();
                if (got.isEmpty() || !got.get().equals(want)) {
                    mismatches.add(p.signal() + " (" + p.object() + ") is in " + u + (got.isEmpty() ? " (no UCUM code)"
                            : " (" + got.get() + ")") + ", profile says " + want);
                }
                if (p.type() == BacnetObjectType.ACCUMULATOR) {
                    Encodable s = required(p, PropertyIdentifier.scale, scaleAnswers.get(p));
                    if (!(s instanceof Scale scale)) {
                        throw new DeviceException(Kind.PROTOCOL, who + ": " + p.signal() + " (" + p.object()
                                + ") has a scale that is not a scale: " + s);
                    }
                    found.put(p, scale);
                }
            }
            if (!mismatches.isEmpty()) {
                throw new DeviceException(Kind.CONFIGURATION, who + ": units disagree with profile " + profile.id()
                        + ": " + String.join("; ", mismatches));
            }
        }
        scales = found;
        LOG.info("device {}: {} points mapped, units agree with profile {}", deviceId, points.size(), profile.id());
    }

    /** The named properties of each object: by ReadPropertyMultiple, or one by one when the device has none. */
    private Map<BacnetPoint, Map<PropertyIdentifier, Answer>> read(List<BacnetPoint> objects,
            List<PropertyIdentifier> properties, String doing) throws DeviceException {
        Map<BacnetPoint, Map<PropertyIdentifier, Answer>> answers = new HashMap<>();
        if (!singleReads) {
            try {
                for (int from = 0; from < objects.size(); from += OBJECTS_PER_REQUEST) {
                    readMultiple(objects.subList(from, Math.min(objects.size(), from + OBJECTS_PER_REQUEST)),
                            properties, answers);
                }
                return answers;
            } catch (BACnetException e) {
                if (!lacksReadMultiple(e)) {
                    throw BacnetFailures.classify(who, timeout, doing, e);
                }
                LOG.warn("device {}: the controller refuses ReadPropertyMultiple ({}); reading one property at a time",
                        deviceId, e.getMessage());
                singleReads = true;
                answers.clear();
            }
        }
        for (BacnetPoint p : objects) {
            Map<PropertyIdentifier, Answer> perObject = new HashMap<>();
            for (PropertyIdentifier pid : properties) {
                try {
                    ReadPropertyAck ack = local.send(remote, new ReadPropertyRequest(oid(p), pid)).get();
                    perObject.put(pid, new Answer(ack.getValue(), null));
                } catch (ErrorAPDUException e) {
                    // one object's error, as ReadPropertyMultiple would report it: decided by the caller
                    perObject.put(pid, new Answer(null, e.getError().getErrorClassAndCode()));
                } catch (BACnetException e) {
                    throw BacnetFailures.classify(who, timeout, doing + " (" + p.signal() + ", " + p.object() + ")", e);
                }
            }
            answers.put(p, perObject);
        }
        return answers;
    }

    private void readMultiple(List<BacnetPoint> chunk, List<PropertyIdentifier> properties,
                              Map<BacnetPoint, Map<PropertyIdentifier, Answer>> answers) throws BACnetException {
        List<ReadAccessSpecification> specs = new ArrayList<>(chunk.size());
        for (BacnetPoint p : chunk) {
            List<PropertyReference> refs = properties.stream().map(PropertyReference::new).toList();
            specs.add(new ReadAccessSpecification(oid(p), new SequenceOf<>(refs)));
        }
        ReadPropertyMultipleAck ack = local.send(remote, new ReadPropertyMultipleRequest(new SequenceOf<>(specs))).get();
        Map<ObjectIdentifier, BacnetPoint> byOid = new HashMap<>();
        chunk.forEach(p -> byOid.put(oid(p), p));
        for (ReadAccessResult result : ack.getListOfReadAccessResults()) {
            BacnetPoint p = byOid.get(result.getObjectIdentifier());
            if (p == null) {
                continue; // an object we did not ask for: nothing to read from it
            }
            Map<PropertyIdentifier, Answer> perObject = answers.computeIfAbsent(p, k -> new HashMap<>());
            for (ReadAccessResult.Result r : result.getListOfResults()) {
                Encodable datum = r.getReadResult().getDatum();
                if (datum instanceof BaseError error) {
                    perObject.put(r.getPropertyIdentifier(), new Answer(null, error.getErrorClassAndCode()));
                } else {
                    perObject.put(r.getPropertyIdentifier(), new Answer(datum, null));
                }
            }
        }
    }

    /** A device without ReadPropertyMultiple rejects it as an unrecognized service, or denies it. */
    static boolean lacksReadMultiple(BACnetException e) {
        if (e instanceof RejectAPDUException reject) {
            return reject.getApdu().getRejectReason().equals(RejectReason.unrecognizedService);
        }
        if (e instanceof ErrorAPDUException error) {
            ErrorClassAndCode cc = error.getError().getErrorClassAndCode();
            return cc.getErrorClass().equals(ErrorClass.services)
                    && (cc.getErrorCode().equals(ErrorCode.serviceRequestDenied)
                    || cc.getErrorCode().equals(ErrorCode.optionalFunctionalityNotSupported));
        }
        return false;
    }

    private Encodable required(BacnetPoint p, PropertyIdentifier pid, Map<PropertyIdentifier, Answer> answers)
            throws DeviceException {
        Answer a = answers == null ? null : answers.get(pid);
        if (a == null) {
            throw new DeviceException(Kind.PROTOCOL, who + ": no " + pid + " for " + p.signal() + " (" + p.object()
                    + ") in the answer");
        }
        if (a.error() != null) {
            throw new DeviceException(BacnetFailures.kindOf(a.error()), who + ": " + p.signal() + " (" + p.object()
                    + ") " + pid + ": error class " + a.error().getErrorClass() + ", code " + a.error().getErrorCode());
        }
        return a.value();
    }

    private double number(BacnetPoint p, Encodable value) throws DeviceException {
        try {
            return BacnetValues.number(value);
        } catch (IllegalArgumentException e) {
            throw new DeviceException(Kind.CONFIGURATION, who + ": " + p.signal() + " (" + p.object() + ") present-value "
                    + e.getMessage());
        }
    }

    private String unit(BacnetPoint p) {
        return profile.signal(p.signal()).orElseThrow().unit();
    }

    private static ObjectIdentifier oid(BacnetPoint p) {
        return new ObjectIdentifier(p.type().bacnet(), p.instance());
    }

    /**
     * Where the local device's I-Am goes at start-up: the bound interface's broadcast, the loopback
     * net's for 127.x, the limited broadcast for the wildcard address. The driver itself only
     * unicasts to the controller.
     */
    static Subnet subnetOf(String bind) {
        try {
            InetAddress address = InetAddress.getByName(bind);
            if (address.isLoopbackAddress()) {
                return new Subnet("127.255.255.255", 8);
            }
            NetworkInterface nif = NetworkInterface.getByInetAddress(address);
            if (nif != null) {
                for (InterfaceAddress ia : nif.getInterfaceAddresses()) {
                    if (ia.getAddress().equals(address) && ia.getBroadcast() != null) {
                        return new Subnet(ia.getBroadcast().getHostAddress(), ia.getNetworkPrefixLength());
                    }
                }
            }
        } catch (java.io.IOException e) {
            // an unknown bind address fails at bind time, with a clearer message
        }
        return new Subnet("255.255.255.255", 0);
    }

    record Subnet(String broadcast, int prefix) {
    }

    private void fail(DeviceException cause) {
        LOG.warn("device {}: {} ({}); closing the local BACnet device", deviceId, cause.getMessage(), cause.kind());
        closeLocal();
    }

    private void closeLocal() {
        if (local != null) {
            try {
                local.terminate();
            } catch (RuntimeException e) {
                LOG.warn("device {}: closing the local BACnet device: {}", deviceId, e.toString());
            }
        }
        local = null;
        remote = null;
        scales = null;
        singleReads = false;
    }

    @Override
    public synchronized void close() {
        closeLocal();
    }

    /** One property's answer: a value, or the error the device gave for it. */
    private record Answer(Encodable value, ErrorClassAndCode error) {
    }
}
