package fr.beffroi.edge.bacnet.sim;

import com.serotonin.bacnet4j.LocalDevice;
import com.serotonin.bacnet4j.exception.BACnetServiceException;
import com.serotonin.bacnet4j.npdu.ip.IpNetworkBuilder;
import com.serotonin.bacnet4j.obj.AccumulatorObject;
import com.serotonin.bacnet4j.obj.AnalogInputObject;
import com.serotonin.bacnet4j.obj.AnalogValueObject;
import com.serotonin.bacnet4j.obj.BinaryInputObject;
import com.serotonin.bacnet4j.obj.MultistateValueObject;
import com.serotonin.bacnet4j.transport.DefaultTransport;
import com.serotonin.bacnet4j.type.constructed.BACnetArray;
import com.serotonin.bacnet4j.type.constructed.Scale;
import com.serotonin.bacnet4j.type.enumerated.BinaryPV;
import com.serotonin.bacnet4j.type.enumerated.EngineeringUnits;
import com.serotonin.bacnet4j.type.enumerated.Polarity;
import com.serotonin.bacnet4j.type.enumerated.ObjectType;
import com.serotonin.bacnet4j.type.enumerated.PropertyIdentifier;
import com.serotonin.bacnet4j.type.primitive.CharacterString;
import com.serotonin.bacnet4j.type.primitive.ObjectIdentifier;
import com.serotonin.bacnet4j.type.primitive.Real;
import com.serotonin.bacnet4j.type.primitive.SignedInteger;
import com.serotonin.bacnet4j.type.primitive.UnsignedInteger;
import fr.beffroi.sim.model.building.BuildingModel;
import fr.beffroi.sim.model.building.BuildingSnapshot;
import fr.beffroi.sim.model.building.ZoneMode;
import fr.beffroi.sim.model.building.ZoneSnapshot;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.Objects;
import java.util.function.Function;

/**
 * A building controller on BACnet/IP: a BACnet4J device bound to one address and UDP port that
 * exposes a {@link BuildingModel}'s zones as BACnet objects, laid out as {@code
 * BacnetPoint.buildingMap} expects (kept apart on purpose, so that the tests check the two agree):
 * zone n's room temperature AI n, comfort setpoint AV n (commandable), mode MSV n (commandable,
 * states 1 confort, 2 réduit, 3 hors-gel, 4 arrêt), occupancy BI n; outdoor, heat power, supply and
 * return temperatures AI 101..104; the heat meter Accumulator 1 in 0.1 kWh steps (scale 10^−1).
 *
 * <p>Measured values are taken from the model when a client reads them (the model integrates up
 * to its clock's instant, so a test that leaps the clock sees the room temperature move). Commands
 * written to an AV or MSV are applied to the model, whatever priority wins the priority array.
 * {@link #stop()} and {@link #start()} again on the same port make a controller that goes away and
 * comes back; the model keeps its state meanwhile.
 */
public final class BacnetBuildingSimulator implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(BacnetBuildingSimulator.class);

    public static final int OUTDOOR_AI = 101;
    public static final int HEAT_POWER_AI = 102;
    public static final int SUPPLY_AI = 103;
    public static final int RETURN_AI = 104;
    public static final int HEAT_METER_ACC = 1;
    /** MSV states, 1-based as BACnet counts them. */
    public static final List<ZoneMode> MODE_STATES = List.of(ZoneMode.CONFORT, ZoneMode.REDUIT, ZoneMode.HORS_GEL,
            ZoneMode.ARRET);
    /** 32-bit meter index in 0.1 kWh: wraps after 429 GWh, far beyond a building's life. */
    private static final long MAX_METER = 0xFFFF_FFFFL;
    /** The Accumulator's pulse-rate window (limit-monitoring-interval); 0 makes BACnet4J spin on it. */
    private static final int PULSE_RATE_WINDOW_S = 3600;

    private final BuildingModel model;
    private final String host;
    private final int port;
    private final int instance;
    private final boolean readPropertyMultiple;
    private LocalDevice device;

    public BacnetBuildingSimulator(BuildingModel model, String host, int port, int instance) {
        this(model, host, port, instance, true);
    }

    /**
     * @param readPropertyMultiple false for an old or small controller that rejects
     *                             ReadPropertyMultiple as an unrecognized service
     */
    public BacnetBuildingSimulator(BuildingModel model, String host, int port, int instance,
                                   boolean readPropertyMultiple) {
        this.model = Objects.requireNonNull(model, "model");
        this.host = Objects.requireNonNull(host, "host");
        this.port = port;
        this.instance = instance;
        this.readPropertyMultiple = readPropertyMultiple;
    }

    public int port() {
        return port;
    }

    public int instance() {
        return instance;
    }

    public BuildingModel model() {
        return model;
    }

    /**
     * Takes an object out of service (its value no longer follows the plant), as a technician does
     * while replacing a sensor.
     *
     * @param analogInput the AI's instance
     */
    public synchronized void outOfService(int analogInput) {
        device.getObject(new ObjectIdentifier(ObjectType.analogInput, analogInput))
                .writePropertyInternal(PropertyIdentifier.outOfService, com.serotonin.bacnet4j.type.primitive.Boolean.TRUE);
    }

    public synchronized BacnetBuildingSimulator start() throws Exception {
        if (device != null) {
            return this;
        }
        LocalDevice d = new LocalDevice(instance, new DefaultTransport(new IpNetworkBuilder()
                .withLocalBindAddress(host).withBroadcast("127.255.255.255", 8).withPort(port).build()));
        // BACnet4J rejects, as unrecognized, any confirmed service its device does not list
        d.getServicesSupported().setReadPropertyMultiple(readPropertyMultiple);
        try {
            d.initialize();
            addObjects(d);
        } catch (Exception e) {
            d.terminate();
            throw e;
        }
        device = d;
        LOG.info("BACnet building {}: device {} on {}:{}, {} zones", model.config().name(), instance, host, port,
                model.zoneCount());
        return this;
    }

    /** Stops answering; the port is free again when this returns. */
    public synchronized void stop() {
        if (device != null) {
            device.terminate();
            device = null;
            LOG.info("BACnet building {}: device {} stopped", model.config().name(), instance);
        }
    }

    @Override
    public void close() {
        stop();
    }

    private void addObjects(LocalDevice d) throws BACnetServiceException {
        BuildingSnapshot s = model.snapshot();
        for (int i = 0; i < model.zoneCount(); i++) {
            int zone = i;
            ZoneSnapshot z = s.zones().get(i);
            String name = z.name();
            measured(d, zone + 1, name + " temperature", EngineeringUnits.degreesCelsius,
                    b -> b.zones().get(zone).roomC());

            AnalogValueObject setpoint = new AnalogValueObject(d, zone + 1, name + " comfort setpoint",
                    (float) z.comfortC(), EngineeringUnits.degreesCelsius, false)
                    .supportCommandable((float) model.config().zones().get(zone).comfortC());
            setpoint.addListener((pid, before, after) -> {
                if (pid.equals(PropertyIdentifier.presentValue) && after instanceof Real r) {
                    apply(() -> model.setComfortSetpoint(zone, r.floatValue()));
                }
            });

            BACnetArray<CharacterString> states = new BACnetArray<>(
                    new CharacterString("confort"), new CharacterString("réduit"),
                    new CharacterString("hors-gel"), new CharacterString("arrêt"));
            MultistateValueObject mode = new MultistateValueObject(d, zone + 1, name + " mode", MODE_STATES.size(), states,
                    MODE_STATES.indexOf(z.mode()) + 1, false)
                    .supportCommandable(new UnsignedInteger(MODE_STATES.indexOf(
                            model.config().zones().get(zone).initialMode()) + 1));
            mode.addListener((pid, before, after) -> {
                if (pid.equals(PropertyIdentifier.presentValue) && after instanceof UnsignedInteger u) {
                    apply(() -> model.setMode(zone, MODE_STATES.get(u.intValue() - 1)));
                }
            });

            new BinaryInputObject(d, zone + 1, name + " occupancy", pv(z.presence()), false, Polarity.normal) {
                @Override
                protected void beforeReadProperty(PropertyIdentifier pid) {
                    if (pid.equals(PropertyIdentifier.presentValue)) {
                        writePropertyInternal(pid, pv(model.snapshot().zones().get(zone).presence()));
                    }
                }
            };
        }
        measured(d, OUTDOOR_AI, "outdoor temperature", EngineeringUnits.degreesCelsius, BuildingSnapshot::outdoorC);
        measured(d, HEAT_POWER_AI, "heat power", EngineeringUnits.kilowatts, BuildingSnapshot::heatPowerKw);
        measured(d, SUPPLY_AI, "supply temperature", EngineeringUnits.degreesCelsius, BuildingSnapshot::supplyC);
        measured(d, RETURN_AI, "return temperature", EngineeringUnits.degreesCelsius, BuildingSnapshot::returnC);
        new AccumulatorObject(d, HEAT_METER_ACC, "heat meter", tenths(s.heatEnergyKwh()), 0,
                EngineeringUnits.kilowattHours, false, new Scale(new SignedInteger(-1)), null, MAX_METER, PULSE_RATE_WINDOW_S) {
            @Override
            protected void beforeReadProperty(PropertyIdentifier pid) {
                if (pid.equals(PropertyIdentifier.presentValue)) {
                    writePropertyInternal(pid, new UnsignedInteger(tenths(model.snapshot().heatEnergyKwh())));
                }
            }
        };
    }

    /** An AI whose present-value is the model's, read afresh at each read. */
    private void measured(LocalDevice d, int instanceNumber, String name, EngineeringUnits units,
                          Function<BuildingSnapshot, Double> value) throws BACnetServiceException {
        new AnalogInputObject(d, instanceNumber, name, value.apply(model.snapshot()).floatValue(), units, false) {
            @Override
            protected void beforeReadProperty(PropertyIdentifier pid) {
                if (pid.equals(PropertyIdentifier.presentValue)) {
                    writePropertyInternal(pid, new Real(value.apply(model.snapshot()).floatValue()));
                }
            }
        };
    }

    private void apply(Runnable command) {
        try {
            command.run();
        } catch (IllegalArgumentException e) {
            // the BACnet write was accepted by the object; the plant refuses it, as a real one would clamp
            LOG.warn("BACnet building {}: command refused by the model: {}", model.config().name(), e.getMessage());
        }
    }

    private static BinaryPV pv(boolean active) {
        return active ? BinaryPV.active : BinaryPV.inactive;
    }

    private static long tenths(double kwh) {
        return Math.round(kwh * 10) % (MAX_METER + 1);
    }
}
