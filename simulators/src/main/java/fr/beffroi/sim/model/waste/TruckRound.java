package fr.beffroi.sim.model.waste;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.time.temporal.IsoFields;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.OptionalDouble;
import java.util.OptionalLong;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * A refuse truck on its round: which bins it lifts, when, where, and what the reader and the
 * lifter's scale say. Physics only; {@code face/serial} writes it on the wire.
 *
 * <p>The truck walks the households of the round in order; each one's bin is out with the
 * presentation probability; a lift follows the last after a time drawn in its zone's range, the
 * truck having driven the zone's distance along the {@link Route}. Lifts happen only within the
 * shift; the day's stream alternates fortnightly (OMR in even ISO weeks, EMB in odd ones). Tags are
 * ISO 11784 codes of country 250 (France) with national ids 4,000,000,000 + 2 × household (+1 for
 * the recycling bin); unknown tags come from another range. No household data: a household is an
 * index here.
 *
 * <p>{@link #advance()} generates the lifts up to the clock's now and hands each to the listeners
 * ({@link #onLift}); the reader face calls it. Seeded: one seed and one clock, the same lifts.
 */
public final class TruckRound {

  static final long FRANCE = 250;
  static final long NATIONAL_BASE = 4_000_000_000L;
  static final long FOREIGN_BASE = 9_000_000_000L;

  private final TruckRoundConfig config;
  private final Route route;
  private final Clock clock;
  private final Random random;
  private final double duplicateShare;
  private final List<Consumer<SimulatedLift>> listeners = new CopyOnWriteArrayList<>();

  // Guarded by this.
  private Instant nextLiftAt;
  private Instant lastLiftAt;
  private double distance;
  private double nextDistance;
  private int household;
  private long truckSeq;

  public TruckRound(TruckRoundConfig config, Route route, Clock clock) {
    this.config = Objects.requireNonNull(config, "config");
    this.route = Objects.requireNonNull(route, "route");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.random = new Random(config.seed());
    this.duplicateShare = config.duplicateReadsMin()
        + random.nextDouble() * (config.duplicateReadsMax() - config.duplicateReadsMin());
    this.lastLiftAt = clock.instant();
    this.nextLiftAt = inShift(lastLiftAt.plusSeconds(interval(route.at(0).zone())));
    this.nextDistance = route.at(0).zone().metresPerLift();
  }

  public TruckRoundConfig config() {
    return config;
  }

  /** Calls {@code listener} with every lift, on the thread that calls {@link #advance()}. */
  public void onLift(Consumer<SimulatedLift> listener) {
    listeners.add(Objects.requireNonNull(listener, "listener"));
  }

  /** The share of lifts read more than once this round drew (between the config's bounds). */
  public double duplicateShare() {
    return duplicateShare;
  }

  /** Generates the lifts due by the clock's now, tells the listeners, and returns them. */
  public List<SimulatedLift> advance() {
    List<SimulatedLift> lifts = new ArrayList<>();
    synchronized (this) {
      Instant now = clock.instant();
      while (!nextLiftAt.isAfter(now)) {
        lifts.add(lift());
      }
    }
    for (SimulatedLift l : lifts) {
      for (Consumer<SimulatedLift> listener : listeners) {
        listener.accept(l);
      }
    }
    return lifts;
  }

  /** Where the truck is at {@code t} (between its last lift and the next, it drives at an even pace). */
  public synchronized Route.Place positionAt(Instant t) {
    long span = Duration.between(lastLiftAt, nextLiftAt).toMillis();
    double f = span <= 0 ? 1 : Math.max(0, Math.min(1, Duration.between(lastLiftAt, t).toMillis() / (double) span));
    return route.at(distance + (nextDistance - distance) * f);
  }

  /** Speed in km/h between the last lift and the next. */
  public synchronized double speedKmh() {
    double s = Duration.between(lastLiftAt, nextLiftAt).toMillis() / 1000.0;
    return s <= 0 ? 0 : (nextDistance - distance) / s * 3.6;
  }

  private SimulatedLift lift() {
    Instant at = nextLiftAt;
    Route.Place place = route.at(nextDistance);
    String stream = streamOn(at);
    // the next household that put its bin out
    do {
      household = (household + 1) % config.households();
    } while (random.nextDouble() >= config.presentation());

    double r = random.nextDouble();
    LiftStatus status;
    OptionalLong tag;
    long national = NATIONAL_BASE + 2L * household + (stream.equals("EMB") ? 1 : 0);
    if (r < config.readFailure()) {
      status = LiftStatus.NO_TAG;
      tag = OptionalLong.empty();
    } else if (r < config.readFailure() + config.unknownOrBlocked()) {
      boolean unknown = random.nextBoolean();
      status = unknown ? LiftStatus.UNKNOWN_TAG : LiftStatus.BLOCKED;
      tag = OptionalLong.of(code(unknown ? FOREIGN_BASE + random.nextInt(1_000_000) : national));
    } else {
      status = LiftStatus.OK;
      tag = OptionalLong.of(code(national));
    }
    double s = random.nextDouble();
    String side = s < 0.01 ? "MANUAL" : s < 0.60 ? "RIGHT" : "LEFT";
    boolean big = household % 5 == 0; // one household in five has a 240 L bin
    double tareKg = big ? 12.5 : 9.5;
    double median = (stream.equals("OMR") ? config.residualMedianKg() : config.recyclingMedianKg()) * (big ? 2 : 1);
    double contents = median * Math.exp(config.massSigma() * random.nextGaussian());
    boolean dynamic = random.nextDouble() < config.dynamicShare();
    OptionalDouble gross = OptionalDouble.empty();
    OptionalDouble tare = OptionalDouble.empty();
    if (config.weighs()) {
      double noise = dynamic ? random.nextGaussian() * 0.5 : 0;
      gross = OptionalDouble.of(round1(Math.min(9_999, tareKg + contents + noise)));
      tare = OptionalDouble.of(tareKg);
    }
    int reads = status != LiftStatus.NO_TAG && random.nextDouble() < duplicateShare ? 2 + random.nextInt(2) : 1;
    SimulatedLift lift = new SimulatedLift(at, ++truckSeq, side, tag, status, stream, gross, tare, dynamic, reads,
        place.lat(), place.lon());

    lastLiftAt = at;
    distance = nextDistance;
    Route.Place here = route.at(distance);
    nextDistance = distance + here.zone().metresPerLift();
    nextLiftAt = inShift(at.plusSeconds(interval(here.zone())));
    return lift;
  }

  private long interval(Zone zone) {
    return zone.minSeconds() + random.nextInt(zone.maxSeconds() - zone.minSeconds() + 1);
  }

  /** {@code t} if within the shift, else the next shift's start. */
  private Instant inShift(Instant t) {
    ZonedDateTime local = t.atZone(config.zone());
    LocalDate day = local.toLocalDate();
    if (local.toLocalTime().isBefore(config.shiftStart())) {
      return day.atTime(config.shiftStart()).atZone(config.zone()).toInstant();
    }
    if (local.toLocalTime().isAfter(config.shiftEnd())) {
      return day.plusDays(1).atTime(config.shiftStart()).atZone(config.zone()).toInstant();
    }
    return t;
  }

  private String streamOn(Instant at) {
    int week = at.atZone(config.zone()).get(IsoFields.WEEK_OF_WEEK_BASED_YEAR);
    return week % 2 == 0 ? "OMR" : "EMB";
  }

  /** The ISO 11784 code: no animal flag, no reserved bits, no data block; country 250. */
  static long code(long national) {
    return (FRANCE << 38) | national;
  }

  private static double round1(double v) {
    return Math.round(v * 10) / 10.0;
  }
}
