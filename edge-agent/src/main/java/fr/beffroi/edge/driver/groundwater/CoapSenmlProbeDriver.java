package fr.beffroi.edge.driver.groundwater;

import fr.beffroi.edge.driver.DeviceDriver;
import fr.beffroi.edge.driver.DeviceException;
import fr.beffroi.edge.driver.DeviceException.Kind;
import fr.beffroi.profiles.codec.senml.SenmlDecoder;
import fr.beffroi.profiles.codec.senml.SenmlException;
import fr.beffroi.profiles.codec.senml.SenmlParser;
import fr.beffroi.profiles.codec.senml.SenmlValue;
import fr.beffroi.profiles.load.ProfileLoader;
import fr.beffroi.profiles.model.DeviceProfile;
import fr.beffroi.profiles.model.Layout;
import fr.beffroi.profiles.model.ModelSpec;
import fr.beffroi.profiles.wire.Quality;
import fr.beffroi.profiles.wire.Reading;
import org.eclipse.californium.core.coap.MediaTypeRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A groundwater probe that is a CoAP server answering SenML JSON (profile
 * {@code groundwater/senml-probe}).
 *
 * <p>Every poll GETs the resource (confirmable, Accept: SenML JSON). With {@code observe} on, the
 * driver also registers as an observer when it connects; notifications that arrive between polls
 * are decoded on arrival and queued (at most {@value #MAX_QUEUED} readings, the oldest dropped and
 * counted), and the next poll returns them with the GET's. A reading carries the probe's own sample
 * time, and each point's readings are returned once, in time order: a reading no newer than the last
 * one returned for its point (the same hourly sample seen by a notification and a GET, or by two
 * GETs within the hour) is dropped, so a poll may rightly return nothing new.
 *
 * <p>Failures: no answer within the timeout or a socket error is UNREACHABLE; an error code, a
 * wrong content format or a SenML pack that breaks RFC 8428 or the profile is PROTOCOL, with the
 * record and field at fault. Any failure drops the link (and its observation); the next poll opens
 * a new one. A corrupt notification fails no poll: it is counted ({@link #corruptNotifications()})
 * and logged.
 */
public final class CoapSenmlProbeDriver implements DeviceDriver {

    private static final Logger LOG = LoggerFactory.getLogger(CoapSenmlProbeDriver.class);
    static final String PROFILE_FAMILY = "groundwater";
    static final String PROFILE_ID = "senml-probe";
    static final int MAX_QUEUED = 10_000;

    private final String deviceId;
    private final CoapLink.Opener opener;
    private final boolean observe;
    private final Clock clock;
    private final SenmlParser parser = new SenmlParser();
    private final SenmlDecoder decoder;
    private final AtomicLong corruptNotifications = new AtomicLong();
    private final AtomicLong droppedNotifications = new AtomicLong();
    private final AtomicLong unmappedRecords = new AtomicLong();

    /** Guarded by {@code this}. */
    private CoapLink link;
    private final Map<String, Instant> lastReturned = new HashMap<>();
    /** Guarded by itself: readings from notifications, filled on library threads. */
    private final Deque<Reading> queued = new ArrayDeque<>();

    /** GET at every poll, no observation. */
    public CoapSenmlProbeDriver(String deviceId, URI uri, Duration timeout, Clock clock) {
        this(deviceId, uri, timeout, false, clock);
    }

    /** GET at every poll; with {@code observe}, notifications between polls too. */
    public CoapSenmlProbeDriver(String deviceId, URI uri, Duration timeout, boolean observe, Clock clock) {
        this(deviceId, CaliforniumCoapLink.opener(deviceId, uri, timeout), observe,
                new ProfileLoader().load(PROFILE_FAMILY, PROFILE_ID), clock);
    }

    /** For tests: any link and profile. */
    CoapSenmlProbeDriver(String deviceId, CoapLink.Opener opener, boolean observe, DeviceProfile profile, Clock clock) {
        this.deviceId = Objects.requireNonNull(deviceId, "deviceId");
        this.opener = Objects.requireNonNull(opener, "opener");
        this.observe = observe;
        this.clock = Objects.requireNonNull(clock, "clock");
        ModelSpec model = profile.models().stream().filter(m -> m.layout() == Layout.SENML).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("profile " + profile.id() + " has no senml model"));
        this.decoder = new SenmlDecoder(model);
    }

    @Override
    public String deviceId() {
        return deviceId;
    }

    @Override
    public synchronized List<Reading> poll() throws DeviceException {
        try {
            if (link == null) {
                connect();
            }
            CoapLink.Answer answer = link.get().orElseThrow(() -> new DeviceException(Kind.UNREACHABLE,
                    "device " + deviceId + ": no CoAP answer within the timeout"));
            List<Reading> fresh = decode(answer);
            List<Reading> all;
            synchronized (queued) {
                all = new ArrayList<>(queued);
                queued.clear();
            }
            all.addAll(fresh);
            return keepNewest(all);
        } catch (DeviceException e) {
            drop(e);
            throw e;
        } catch (IOException e) {
            DeviceException de = new DeviceException(Kind.UNREACHABLE, "device " + deviceId + ": " + e.getMessage(), e);
            drop(de);
            throw de;
        }
    }

    private void connect() throws IOException {
        link = opener.open();
        if (observe) {
            link.observe(this::onNotification);
            LOG.info("device {}: observing the probe", deviceId);
        }
    }

    private void onNotification(CoapLink.Answer answer) {
        try {
            List<Reading> readings = decode(answer);
            synchronized (queued) {
                queued.addAll(readings);
                while (queued.size() > MAX_QUEUED) {
                    queued.removeFirst();
                    long dropped = droppedNotifications.incrementAndGet();
                    // Only when polls stopped coming for ~10,000 samples; say so, but not per reading.
                    if (dropped == 1 || dropped % 1_000 == 0) {
                        LOG.warn("device {}: {} observed readings dropped so far: no poll took them within {} readings",
                                deviceId, dropped, MAX_QUEUED);
                    }
                }
            }
        } catch (DeviceException e) {
            corruptNotifications.incrementAndGet();
            LOG.warn("device {}: notification refused ({} so far): {}", deviceId, corruptNotifications.get(), e.getMessage());
        }
    }

    private List<Reading> decode(CoapLink.Answer answer) throws DeviceException {
        if (!answer.success()) {
            throw new DeviceException(Kind.PROTOCOL, "device " + deviceId + " answered CoAP " + answer.code());
        }
        if (answer.contentFormat() != MediaTypeRegistry.APPLICATION_SENML_JSON) {
            throw new DeviceException(Kind.PROTOCOL, "device " + deviceId + " answered content format "
                    + answer.contentFormat() + ", not SenML JSON (" + MediaTypeRegistry.APPLICATION_SENML_JSON + ")");
        }
        try {
            SenmlDecoder.Decoded decoded = decoder.decode(parser.parse(answer.payload(), clock.instant()));
            if (!decoded.unmapped().isEmpty()) {
                unmappedRecords.addAndGet(decoded.unmapped().size());
                LOG.debug("device {}: records outside the profile: {}", deviceId, decoded.unmapped());
            }
            List<Reading> out = new ArrayList<>(decoded.values().size());
            for (SenmlValue v : decoded.values()) {
                out.add(new Reading(0, deviceId, v.point(), v.time(), v.value(), v.unit(), Quality.GOOD));
            }
            return out;
        } catch (SenmlException e) {
            throw new DeviceException(Kind.PROTOCOL, "device " + deviceId + ": corrupt SenML: " + e.getMessage(), e);
        }
    }

    /** Each point's readings once, in time order, newer than what was already returned. */
    private List<Reading> keepNewest(List<Reading> readings) {
        List<Reading> sorted = new ArrayList<>(readings);
        sorted.sort((a, b) -> a.ts().compareTo(b.ts()));
        List<Reading> out = new ArrayList<>();
        for (Reading r : sorted) {
            Instant last = lastReturned.get(r.point());
            if (last == null || r.ts().isAfter(last)) {
                lastReturned.put(r.point(), r.ts());
                out.add(r);
            }
        }
        return out;
    }

    /** Readings from notifications waiting for the next poll. */
    int queuedReadings() {
        synchronized (queued) {
            return queued.size();
        }
    }

    /** Notifications that were not SenML the profile accepts. */
    public long corruptNotifications() {
        return corruptNotifications.get();
    }

    /** Queued notification readings dropped because polls stopped coming. */
    public long droppedNotifications() {
        return droppedNotifications.get();
    }

    /** Records of points the profile does not read. */
    public long unmappedRecords() {
        return unmappedRecords.get();
    }

    private void drop(DeviceException cause) {
        LOG.warn("device {}: poll failed ({}): {}; dropping the CoAP link", deviceId, cause.kind(), cause.getMessage());
        closeLink();
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
