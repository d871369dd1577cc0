package fr.beffroi.sim.face.serial;

import fr.beffroi.sim.model.waste.SimulatedLift;
import fr.beffroi.sim.model.waste.TruckRound;
import java.io.IOException;
import java.time.Duration;
import java.util.Objects;
import java.util.Random;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The truck's bin-lift reader on a serial port: every {@code tick} (real time) it advances the
 * {@link TruckRound} to its clock's now and writes one frame per read of each lift (a lift read three
 * times, three frames back to back). With a corrupt-frame rate, that share of frames is spoiled
 * (bad checksum, lost ETX or noise before it, in turn), each spoiling counted: each makes the driver
 * refuse exactly one frame. This face drives the round: the GPS face only reads its position.
 */
public final class BinLiftReaderFace implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(BinLiftReaderFace.class);

  private final SerialOut out;
  private final TruckRound round;
  private final TagForm form;
  private final double corruptRate;
  private final Random random;
  private final ScheduledExecutorService timer;
  private final AtomicLong frames = new AtomicLong();
  private final AtomicLong spoiled = new AtomicLong();
  private final AtomicLong lifts = new AtomicLong();
  private int nextSpoil;

  private BinLiftReaderFace(SerialOut out, TruckRound round, TagForm form, double corruptRate, long seed) {
    this.out = out;
    this.round = round;
    this.form = form;
    this.corruptRate = corruptRate;
    this.random = new Random(seed);
    this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "binlift-reader-face " + out.path());
      t.setDaemon(true);
      return t;
    });
  }

  /**
   * Opens {@code serialPort} at {@code baud} 8N1 and starts writing {@code round}'s lifts.
   *
   * @param corruptRate share of frames spoiled, 0..1
   * @param seed        seeds which frames are spoiled
   * @param tick        how often (real time) the round advances
   */
  public static BinLiftReaderFace start(String serialPort, int baud, TruckRound round, TagForm form, double corruptRate,
      long seed, Duration tick) throws IOException {
    Objects.requireNonNull(round, "round");
    Objects.requireNonNull(form, "form");
    if (!(corruptRate >= 0 && corruptRate <= 1)) {
      throw new IllegalArgumentException("corruptRate must be in 0..1, got " + corruptRate);
    }
    BinLiftReaderFace face = new BinLiftReaderFace(SerialOut.open(serialPort, baud), round, form, corruptRate, seed);
    face.timer.scheduleWithFixedDelay(face::tick, 0, tick.toMillis(), TimeUnit.MILLISECONDS);
    LOG.info("bin-lift reader face of truck {} on {} ({} baud, tags {}, {} corrupt)", round.config().truck(),
        serialPort, baud, form, corruptRate);
    return face;
  }

  private void tick() {
    try {
      for (SimulatedLift lift : round.advance()) {
        lifts.incrementAndGet();
        byte[] frame = LiftFrames.frame(LiftFrames.payload(lift, form));
        for (int i = 0; i < lift.reads(); i++) {
          byte[] bytes = frame;
          if (corruptRate > 0 && random.nextDouble() < corruptRate) {
            LiftFrames.Spoil spoil = LiftFrames.Spoil.values()[nextSpoil++ % LiftFrames.Spoil.values().length];
            bytes = LiftFrames.corrupt(frame, spoil, random);
            spoiled.incrementAndGet();
          }
          out.write(bytes);
          frames.incrementAndGet();
        }
      }
    } catch (IOException | RuntimeException e) {
      LOG.warn("bin-lift reader face on {}: {}", out.path(), e.toString());
    }
  }

  /** Frames written, spoiled ones included. */
  public long frames() {
    return frames.get();
  }

  /** Frames spoiled on purpose. */
  public long spoiled() {
    return spoiled.get();
  }

  /** Lifts written. */
  public long lifts() {
    return lifts.get();
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
