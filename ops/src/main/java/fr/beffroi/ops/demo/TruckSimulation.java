package fr.beffroi.ops.demo;

import fr.beffroi.sim.face.http.HopperCameraHttpServer;
import fr.beffroi.sim.face.modbusrtu.PtyPair;
import fr.beffroi.sim.face.serial.BinLiftReaderFace;
import fr.beffroi.sim.face.serial.GpsFace;
import fr.beffroi.sim.face.serial.TagForm;
import fr.beffroi.sim.model.camera.HopperCameraConfig;
import fr.beffroi.sim.model.camera.HopperCameraModel;
import fr.beffroi.sim.model.waste.Route;
import fr.beffroi.sim.model.waste.TruckRound;
import fr.beffroi.sim.model.waste.TruckRoundConfig;
import fr.beffroi.sim.time.ScaledClock;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;

/**
 * The simulated truck of the demo: a collection round on a village of the Oise, its bin-lift RFID
 * reader and its GPS receiver on two socat pty pairs, and its hopper camera on HTTP, triggered by
 * each lift as the real one is by the chip read.
 *
 * <p>The round runs {@value #SPEED_UP}× faster than real time so that a one-minute demo shows tens of
 * lifts (a real truck lifts a bin every 15–120 s). The camera is told the lift's real time, the time
 * at which the agent reads the frame, so its verdicts pair with the agent's lifts.
 */
final class TruckSimulation implements AutoCloseable {
    static final String TRUCK = "BOM-12";
    private static final double SPEED_UP = 20;
    /** A few spoiled frames, so the demo shows them counted and dead-lettered while lifts flow. */
    private static final double CORRUPT_FRAME_RATE = 0.01;

    private final OwnedParts parts = new OwnedParts();
    private final Map<String, String> placeholders;
    private final BinLiftReaderFace reader;
    private final HopperCameraModel camera;

    private TruckSimulation(Path runDir, LocalDate day, long seed) throws IOException, InterruptedException {
        ZoneId paris = ZoneId.of("Europe/Paris");
        Instant shift = day.atTime(LocalTime.of(8, 0)).atZone(paris).toInstant();
        Clock roundClock = ScaledClock.starting(shift, SPEED_UP, Clock.systemUTC());
        TruckRound round = new TruckRound(TruckRoundConfig.oise(seed, TRUCK), Route.oiseVillage(), roundClock);
        camera = new HopperCameraModel(HopperCameraConfig.typical(), seed, Clock.systemUTC());
        round.onLift(lift -> {
            if (!lift.tagHex().isEmpty()) camera.trigger(lift.tagHex(), lift.stream(), Instant.now());
        });
        PtyPair rfid = keep(PtyPair.open(runDir.resolve("rfid-sim"), runDir.resolve("rfid-agent"), Duration.ofSeconds(5)));
        PtyPair gps = keep(PtyPair.open(runDir.resolve("gps-sim"), runDir.resolve("gps-agent"), Duration.ofSeconds(5)));
        HopperCameraHttpServer http = keep(HopperCameraHttpServer.start("127.0.0.1", 0, "cam-bom-12", camera));
        reader = keep(BinLiftReaderFace.start(rfid.a(), 9600, round, TagForm.DECIMAL, CORRUPT_FRAME_RATE, seed,
                Duration.ofMillis(100)));
        keep(GpsFace.start(gps.a(), 9600, round, roundClock, GpsFace.ONE_HERTZ));
        placeholders = Map.of("rfidPort", rfid.b(), "gpsPort", gps.b(), "cameraUri", http.uri().toString());
    }

    static TruckSimulation start(Path runDir, LocalDate day, long seed) throws IOException, InterruptedException {
        return new TruckSimulation(runDir, day, seed);
    }

    private <T extends AutoCloseable> T keep(T part) {
        return parts.keep(part);
    }

    /** The values of {@code gateways/truck.yaml}'s device placeholders. */
    Map<String, String> placeholders() {
        return placeholders;
    }

    String describe() {
        return "truck " + TRUCK + ": bin-lift reader and GPS on pty pairs (" + placeholders.get("rfidPort") + ", "
                + placeholders.get("gpsPort") + "), round " + (int) SPEED_UP + "x real time, "
                + (int) (CORRUPT_FRAME_RATE * 100) + " % spoiled frames; hopper camera on " + placeholders.get("cameraUri");
    }

    /** Lifts the reader wrote, frames it spoiled on purpose. */
    String counts() {
        return "lifts written " + reader.lifts() + ", frames spoiled " + reader.spoiled() + ", camera photos kept "
                + camera.storedImages() + ", deleted " + camera.deletedImages();
    }

    @Override
    public void close() {
        parts.close();
    }
}
