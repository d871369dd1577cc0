package fr.beffroi.ops.demo;

import com.pi4j.context.Context;
import fr.beffroi.sim.face.coap.GroundwaterCoapServer;
import fr.beffroi.sim.face.gpio.GpioDoorFace;
import fr.beffroi.sim.face.gpio.MockGpio;
import fr.beffroi.sim.face.modbus.BmsModbusServer;
import fr.beffroi.sim.face.modbus.SunSpecModbusServer;
import fr.beffroi.sim.face.modbus.SunSpecUnit;
import fr.beffroi.sim.face.modbusrtu.PtyPair;
import fr.beffroi.sim.model.access.DoorScene;
import fr.beffroi.sim.model.building.BuildingConfig;
import fr.beffroi.sim.model.building.BuildingModel;
import fr.beffroi.sim.model.groundwater.AquiferConfig;
import fr.beffroi.sim.model.groundwater.AquiferModel;
import fr.beffroi.sim.model.pv.PvInverterModel;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The simulated devices of the demo's building gateway: two SunSpec inverters behind one Modbus TCP
 * gateway, the school's BMS, a groundwater probe on CoAP, and the sports hall's door on Pi4J's mock
 * GPIO lines with its badge reader on a socat pty pair. The door's mock lines exist only in this
 * JVM: the agent's door driver must use {@link #gpio()}.
 */
final class BuildingSimulation implements AutoCloseable {
    static final int RELAY_PIN = 17;
    static final int CONTACT_PIN = 27;
    static final int EXIT_PIN = 22;
    /** Badges the demo's bookings hold, and badges nobody booked. */
    static final List<String> BOOKED_BADGES = List.of("04A1B2C3D4", "04A1B2C3D5", "04A1B2C3D6");
    static final List<String> UNKNOWN_BADGES = List.of("DEADBEEF01");

    private final OwnedParts parts = new OwnedParts();
    private final Context gpio;
    private final SunSpecModbusServer pv;
    private final BmsModbusServer bms;
    private final BmsModbusServer gymBms;
    private final BuildingModel gym;
    private final GroundwaterCoapServer probe;
    private final PtyPair badgeLine;
    private final BuildingModel building;
    private GpioDoorFace door;

    private BuildingSimulation(Path runDir, Clock sunClock, long seed) throws IOException, InterruptedException {
        pv = keep(SunSpecModbusServer.start("127.0.0.1", 0, List.of(
                SunSpecUnit.of(1, PvInverterModel.create(seed * 1000 + 1, 36.0, sunClock)).withMpptExtension(),
                SunSpecUnit.of(2, PvInverterModel.create(seed * 1000 + 2, 24.0, sunClock)))));
        building = BuildingModel.create(BuildingConfig.school(seed), Clock.systemUTC());
        bms = keep(BmsModbusServer.start("127.0.0.1", 0, building));
        gym = BuildingModel.create(BuildingConfig.sportsHall(seed), Clock.systemUTC());
        gymBms = keep(BmsModbusServer.start("127.0.0.1", 0, gym));
        probe = keep(GroundwaterCoapServer.start("127.0.0.1", 0, "piezo-plateau",
                new AquiferModel(AquiferConfig.plateau(seed), Clock.systemUTC())));
        gpio = MockGpio.context();
        parts.keep(gpio::shutdown);
        badgeLine = keep(PtyPair.open(runDir.resolve("badge-sim"), runDir.resolve("badge-agent"), Duration.ofSeconds(5)));
    }

    static BuildingSimulation start(Path runDir, Clock sunClock, long seed) throws IOException, InterruptedException {
        return new BuildingSimulation(runDir, sunClock, seed);
    }

    /**
     * Starts people arriving at the sports hall door, once the agent's driver has claimed the mock
     * lines (its first poll): mostly booked badges, an unknown one, some leaving by the exit button.
     */
    void startDoor(Instant from, Duration span, long seed) throws IOException {
        DoorScene scene = DoorScene.evening(seed, from, span, Duration.ofSeconds(8), BOOKED_BADGES, UNKNOWN_BADGES);
        door = keep(GpioDoorFace.start("porte-gymnase", scene, gpio, RELAY_PIN, CONTACT_PIN, EXIT_PIN, badgeLine.a(),
                9600, Clock.systemUTC()));
    }

    private <T extends AutoCloseable> T keep(T part) {
        return parts.keep(part);
    }

    Context gpio() {
        return gpio;
    }

    BuildingModel building() {
        return building;
    }

    /** The sports hall's thermal model: its mode and setpoint follow the commands of the booking rules. */
    BuildingModel gym() {
        return gym;
    }

    /** The values of {@code gateways/building.yaml}'s device placeholders. */
    Map<String, String> placeholders() {
        return Map.of("pvPort", String.valueOf(pv.port()), "bmsPort", String.valueOf(bms.port()),
                "gymBmsPort", String.valueOf(gymBms.port()),
                "probeUri", probe.uri().toString(), "badgePort", badgeLine.b(), "gpioPlatform", "mock");
    }

    String describe() {
        return "PV: 2 SunSpec inverters (36 kWc with 2 MPPT strings, 24 kWc) on Modbus TCP 127.0.0.1:" + pv.port()
                + "\n             BMS: a school on Modbus TCP 127.0.0.1:" + bms.port() + ", a sports hall on 127.0.0.1:"
                + gymBms.port() + "; groundwater probe on "
                + probe.uri() + "\n             door: sports hall on mock GPIO " + RELAY_PIN + "/" + CONTACT_PIN + "/"
                + EXIT_PIN + ", badge reader on " + badgeLine.b();
    }

    String doorCounts() {
        return door == null ? "door not started" : "door: " + door.scene().entered() + " people entered, "
                + door.scene().gaveUp().size() + " turned away";
    }

    @Override
    public void close() {
        parts.close();
    }
}
