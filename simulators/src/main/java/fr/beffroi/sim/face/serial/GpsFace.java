package fr.beffroi.sim.face.serial;

import fr.beffroi.sim.model.waste.Route;
import fr.beffroi.sim.model.waste.TruckRound;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The truck's GPS receiver on a serial port: every {@code period} (real time; a receiver's 1 Hz is
 * {@link #ONE_HERTZ}) an RMC and a GGA of where the {@link TruckRound} is at its clock's now.
 */
public final class GpsFace implements AutoCloseable {

  public static final Duration ONE_HERTZ = Duration.ofSeconds(1);
  private static final Logger LOG = LoggerFactory.getLogger(GpsFace.class);

  private final SerialOut out;
  private final TruckRound round;
  private final Clock clock;
  private final ScheduledExecutorService timer;
  private final AtomicLong sentences = new AtomicLong();
  private double lastLat = Double.NaN;
  private double lastLon = Double.NaN;
  private double course;

  private GpsFace(SerialOut out, TruckRound round, Clock clock) {
    this.out = out;
    this.round = round;
    this.clock = clock;
    this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "gps-face " + out.path());
      t.setDaemon(true);
      return t;
    });
  }

  public static GpsFace start(String serialPort, int baud, TruckRound round, Clock clock, Duration period)
      throws IOException {
    Objects.requireNonNull(round, "round");
    Objects.requireNonNull(clock, "clock");
    GpsFace face = new GpsFace(SerialOut.open(serialPort, baud), round, clock);
    face.timer.scheduleAtFixedRate(face::tick, 0, period.toMillis(), TimeUnit.MILLISECONDS);
    LOG.info("GPS face of truck {} on {} ({} baud, every {})", round.config().truck(), serialPort, baud, period);
    return face;
  }

  private void tick() {
    try {
      Instant now = clock.instant();
      Route.Place p = round.positionAt(now);
      if (!Double.isNaN(lastLat) && (p.lat() != lastLat || p.lon() != lastLon)) {
        double dx = (p.lon() - lastLon) * Math.cos(Math.toRadians(p.lat()));
        double dy = p.lat() - lastLat;
        course = (Math.toDegrees(Math.atan2(dx, dy)) + 360) % 360;
      }
      lastLat = p.lat();
      lastLon = p.lon();
      String s = NmeaSentences.rmc(now, p.lat(), p.lon(), round.speedKmh(), course)
          + NmeaSentences.gga(now, p.lat(), p.lon(), 9, 0.9, 95.0);
      out.write(s.getBytes(StandardCharsets.US_ASCII));
      sentences.addAndGet(2);
    } catch (IOException | RuntimeException e) {
      LOG.warn("GPS face on {}: {}", out.path(), e.toString());
    }
  }

  public long sentences() {
    return sentences.get();
  }

  @Override
  public void close() {
    timer.shutdownNow();
    try {
      timer.awaitTermination(2, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    out.close();
  }
}
