package fr.beffroi.sim.model.pv;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.SplittableRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A PV array and its inverter. Power, voltage, frequency and state are pure functions of the instant
 * (and of the seed and the controls); the energy counter integrates the AC power on a fixed 30-second
 * grid anchored at the epoch (trapezoids), so it is the same whatever the rate of the reads. Reading
 * at an instant earlier than one already read never lowers the counter. Thread-safe: a protocol server
 * reads it while a test or a command flips the controls.
 */
public final class PvInverterModel {

  private static final Logger LOG = LoggerFactory.getLogger(PvInverterModel.class);

  /**
   * AC output per kWc at 1000 W/m² on the panels (soiling, temperature, cabling and inverter losses).
   * Calibrated so the clear-sky noon peaks of the Oise roof match DOMAIN.md (≈31 kW on 21 June,
   * ≈19 kW on 21 December for 36 kWc).
   */
  public static final double PERFORMANCE_RATIO = 0.875;
  /** Array kWc over inverter AC rating: a usual undersizing, so the inverter clips on rare peaks. */
  public static final double DC_AC_RATIO = 1.1;
  /** Below this share of the AC rating the inverter does not connect and reports SLEEPING. */
  private static final double MIN_OUTPUT_FRACTION = 0.002;
  private static final double NOMINAL_MPP_VOLTAGE_V = 640;
  private static final double OPEN_CIRCUIT_OVER_MPP = 1.2;
  private static final double NOMINAL_FREQUENCY_HZ = 50.0;
  private static final double FREQUENCY_NOISE_HZ = 0.02;
  private static final long FREQUENCY_SLOT_SECONDS = 10;
  private static final long INTEGRATION_STEP_SECONDS = 30;
  /** DC to AC conversion efficiency of a string inverter near its rating. */
  static final double INVERTER_EFFICIENCY = 0.97;
  /**
   * The array as two strings on two MPPT trackers, split east-ish / west-ish: the larger string
   * takes 55 % of the DC power at a slightly higher voltage (more modules in series) than the other.
   */
  static final List<StringSpec> STRINGS = List.of(
      new StringSpec("PV1 est", 0.55, 1.02),
      new StringSpec("PV2 ouest", 0.45, 0.97));

  private final PvInverterConfig config;
  private final Clock clock;
  private final Sky sky;
  private final double peakW;
  private final double ratedAcW;

  /** Energy up to {@code settledAt}, a grid point or the instant of the last control change. */
  private double settledWh;
  private Instant settledAt;
  /** Highest energy value handed out; the counter never shows less. */
  private double reportedWh;
  private boolean fault;
  private double powerLimitFraction = 1.0;

  private PvInverterModel(PvInverterConfig config, Clock clock) {
    this.config = config;
    this.clock = clock;
    this.sky = config.clouds()
        ? new SeededSky(config.seed(), config.site(), PERFORMANCE_RATIO)
        : Sky.clear();
    this.peakW = config.peakKw() * 1000;
    this.ratedAcW = peakW / DC_AC_RATIO;
    this.settledWh = config.initialEnergyWh();
    this.reportedWh = settledWh;
    this.settledAt = clock.instant();
  }

  /** The Oise roof (49.5° N, 30° south) with seeded clouds, counter at 0 Wh now. */
  public static PvInverterModel create(long seed, double peakKw, Clock clock) {
    return create(PvInverterConfig.oise(seed, peakKw), clock);
  }

  public static PvInverterModel create(PvInverterConfig config, Clock clock) {
    Objects.requireNonNull(config, "config");
    Objects.requireNonNull(clock, "clock");
    return new PvInverterModel(config, clock);
  }

  public PvInverterConfig config() {
    return config;
  }

  public Clock clock() {
    return clock;
  }

  public double ratedAcW() {
    return ratedAcW;
  }

  /** The inverter as it is now, by the injected clock. */
  public InverterSnapshot snapshot() {
    return snapshot(clock.instant());
  }

  public synchronized InverterSnapshot snapshot(Instant at) {
    double energy = integrateTo(at);
    Output out = outputAt(at);
    return new InverterSnapshot(
        at, out.acPowerW, out.dcVoltageV, frequencyAt(at), energy, out.state, out.evt1,
        dcInputs(out, energy));
  }

  /**
   * The DC side split over {@link #STRINGS}. Each string's energy counter is its share of the AC
   * counter over the efficiency: shares and efficiency are constant, so it is as monotonic as the
   * AC counter and needs no integration of its own.
   */
  private static List<DcInput> dcInputs(Output out, double acEnergyWh) {
    double dcPowerW = out.acPowerW / INVERTER_EFFICIENCY;
    List<DcInput> inputs = new ArrayList<>(STRINGS.size());
    for (StringSpec s : STRINGS) {
      inputs.add(new DcInput(s.name(), dcPowerW * s.powerShare(), out.dcVoltageV * s.voltageFactor(),
          acEnergyWh / INVERTER_EFFICIENCY * s.powerShare()));
    }
    return inputs;
  }

  /** Lifetime AC energy at {@code at}, Wh (monotonic: never below a value already returned). */
  public synchronized double energyWh(Instant at) {
    return integrateTo(at);
  }

  /** AC power at {@code at} under the current controls, W; does not move the counter. */
  public synchronized double acPowerW(Instant at) {
    return outputAt(at).acPowerW;
  }

  /** Fault on: St FAULT, W 0, Evt1 GROUND_FAULT; off: back to normal operation. Takes effect now. */
  public synchronized void setFault(boolean on) {
    settleAt(clock.instant());
    if (fault != on) {
      LOG.info("PV inverter seed={} fault {}", config.seed(), on ? "raised" : "cleared");
    }
    fault = on;
  }

  public synchronized boolean fault() {
    return fault;
  }

  /** Caps AC output to a percentage of the rating (SunSpec WMaxLimPct); 100 removes the cap. */
  public synchronized void setPowerLimitPercent(double percent) {
    if (!(percent >= 0 && percent <= 100)) {
      throw new IllegalArgumentException("percent must be in [0, 100], got " + percent);
    }
    settleAt(clock.instant());
    powerLimitFraction = percent / 100;
    LOG.info("PV inverter seed={} power limit {} %", config.seed(), percent);
  }

  public synchronized double powerLimitPercent() {
    return powerLimitFraction * 100;
  }

  /**
   * Energy at {@code target}: whole grid steps are settled once; the part after the last grid point
   * is a trapezoid recomputed at each read, so the value does not depend on when reads happened.
   * The returned value is clamped to never fall below one already returned.
   */
  private double integrateTo(Instant target) {
    if (!target.isAfter(settledAt)) {
      return reportedWh;
    }
    Instant from = settledAt;
    double powerFrom = outputAt(from).acPowerW;
    while (true) {
      Instant next = Instant.ofEpochSecond(
          Math.floorDiv(from.getEpochSecond(), INTEGRATION_STEP_SECONDS) * INTEGRATION_STEP_SECONDS
              + INTEGRATION_STEP_SECONDS);
      if (next.isAfter(target)) {
        break;
      }
      double powerNext = outputAt(next).acPowerW;
      settledWh += trapezoidWh(from, powerFrom, next, powerNext);
      from = next;
      powerFrom = powerNext;
    }
    settledAt = from;
    double partial = from.equals(target)
        ? 0
        : trapezoidWh(from, powerFrom, target, outputAt(target).acPowerW);
    reportedWh = Math.max(reportedWh, settledWh + partial);
    return reportedWh;
  }

  /** Settles the counter at {@code at} before a control change, so the change applies from then on. */
  private void settleAt(Instant at) {
    integrateTo(at);
    if (at.isAfter(settledAt)) {
      settledWh = reportedWh;
      settledAt = at;
    }
  }

  private static double trapezoidWh(Instant from, double powerFrom, Instant to, double powerTo) {
    double hours = Duration.between(from, to).toNanos() / 3.6e12;
    return (powerFrom + powerTo) / 2 * hours;
  }

  private Output outputAt(Instant at) {
    SunPosition sun = SolarGeometry.position(config.site(), at);
    double poa = sun.isUp()
        ? ClearSky.planeOfArrayWm2(config.site(), sun, at) * sky.clearness(at)
        : 0;
    double available = peakW * poa / 1000 * PERFORMANCE_RATIO;
    double mppVoltage = poa > 0
        ? Math.max(350, Math.min(800, NOMINAL_MPP_VOLTAGE_V * (1 + 0.04 * Math.log(poa / 1000))))
        : 0;

    if (fault) {
      return new Output(0, mppVoltage * OPEN_CIRCUIT_OVER_MPP, OperatingState.FAULT, Evt1.GROUND_FAULT);
    }
    if (available < MIN_OUTPUT_FRACTION * ratedAcW) {
      return new Output(0, mppVoltage * OPEN_CIRCUIT_OVER_MPP, OperatingState.SLEEPING, 0);
    }
    double limit = ratedAcW * powerLimitFraction;
    if (available > limit) {
      return new Output(limit, mppVoltage * 1.05, OperatingState.THROTTLED, 0);
    }
    return new Output(available, mppVoltage, OperatingState.MPPT, 0);
  }

  private double frequencyAt(Instant at) {
    long slot = Math.floorDiv(at.getEpochSecond(), FREQUENCY_SLOT_SECONDS);
    double u = new SplittableRandom(SeededSky.mix(config.seed(), 0xF4E0L, slot)).nextDouble();
    return NOMINAL_FREQUENCY_HZ + FREQUENCY_NOISE_HZ * (2 * u - 1);
  }

  /** One string: its label, its share of the DC power and its voltage relative to the array's. */
  record StringSpec(String name, double powerShare, double voltageFactor) {}

  private record Output(double acPowerW, double dcVoltageV, OperatingState state, int evt1) {}
}
