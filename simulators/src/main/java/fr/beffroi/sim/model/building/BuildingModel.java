package fr.beffroi.sim.model.building;

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
 * The zones of a public building, each a one-node RC model {@code C dT/dt = P_heat − UA (T_in −
 * T_out) + gains}, heated through a heating curve and a ±0.5 K thermostat, with a heat meter.
 *
 * <p>Time moves on a fixed one-minute grid anchored at the model's start: each read (or command)
 * first integrates every whole step up to the clock's instant, so the series is the same whatever
 * the rate of the reads, and a clock that leaps three days simply runs 4,320 steps. Over a step the
 * inputs are held and the temperature follows the exact exponential towards the step's equilibrium,
 * so τ holds exactly however long the step. The heat meter adds each step's power × duration: its
 * energy is the integral of the power it shows. A command changes the state from the current grid
 * step on. Thread-safe: a protocol server reads it while a test or a command writes.
 */
public final class BuildingModel {

  private static final Logger LOG = LoggerFactory.getLogger(BuildingModel.class);

  /** Integration step. */
  public static final Duration STEP = Duration.ofMinutes(1);
  /** The thermostat switches on below setpoint − 0.5 K and off above setpoint + 0.5 K. */
  public static final double HYSTERESIS_K = 0.5;
  /** Room temperature at which the heating curve's supply equals 20 °C (the curve's anchor). */
  private static final double CURVE_ROOM_C = 20;
  /** Supply − return at full design power: a usual 15 K radiator circuit. */
  private static final double DESIGN_DELTA_T_K = 15;
  /** (model) share of scheduled hours someone is actually detected in a zone. */
  private static final double PRESENCE_PROBABILITY = 0.9;
  private static final double MIN_COMFORT_C = 5;
  private static final double MAX_COMFORT_C = 30;

  private final BuildingConfig config;
  private final Clock clock;
  private final double stepH = STEP.toSeconds() / 3600.0;
  private final double designSupplyC;

  /** Guarded by {@code this}: the state at {@code gridAt}. */
  private Instant gridAt;
  private final double[] roomC;
  private final double[] comfortC;
  private final ZoneMode[] mode;
  private final boolean[] heating;
  private final boolean[][] lights;
  private double energyKwh;

  private BuildingModel(BuildingConfig config, Clock clock, double initialEnergyKwh) {
    this.config = config;
    this.clock = clock;
    this.designSupplyC = config.supplyC(-10);
    int n = config.zones().size();
    roomC = new double[n];
    comfortC = new double[n];
    mode = new ZoneMode[n];
    heating = new boolean[n];
    lights = new boolean[n][2];
    for (int i = 0; i < n; i++) {
      ZoneConfig z = config.zones().get(i);
      roomC[i] = z.initialC();
      comfortC[i] = z.comfortC();
      mode[i] = z.initialMode();
    }
    energyKwh = initialEnergyKwh;
    gridAt = clock.instant();
  }

  public static BuildingModel create(BuildingConfig config, Clock clock) {
    return create(config, clock, 0);
  }

  /** @param initialEnergyKwh the heat meter's index at the start */
  public static BuildingModel create(BuildingConfig config, Clock clock, double initialEnergyKwh) {
    Objects.requireNonNull(config, "config");
    Objects.requireNonNull(clock, "clock");
    if (!(initialEnergyKwh >= 0)) {
      throw new IllegalArgumentException("initial energy must be 0 or more, got " + initialEnergyKwh);
    }
    return new BuildingModel(config, clock, initialEnergyKwh);
  }

  public BuildingConfig config() {
    return config;
  }

  public int zoneCount() {
    return config.zones().size();
  }

  /** The building at the last grid step at or before the clock's instant. */
  public synchronized BuildingSnapshot snapshot() {
    advance();
    double outdoor = config.climate().temperatureC(gridAt);
    double supply = config.supplyC(outdoor);
    List<ZoneSnapshot> zones = new ArrayList<>(zoneCount());
    double total = 0;
    double design = 0;
    for (int i = 0; i < zoneCount(); i++) {
      ZoneConfig z = config.zones().get(i);
      boolean calls = thermostat(i);
      double power = power(i, supply, calls);
      total += power;
      design += z.heaterKw();
      zones.add(new ZoneSnapshot(z.name(), roomC[i], comfortC[i], mode[i], mode[i].setpoint(comfortC[i]),
          presence(i, gridAt), lights[i][0], lights[i][1], calls, power));
    }
    double returnC = supply - DESIGN_DELTA_T_K * total / design;
    return new BuildingSnapshot(gridAt, outdoor, energyKwh, total, supply, returnC, zones);
  }

  /**
   * Sets a zone's comfort setpoint (what CONFORT asks for; RÉDUIT is 3 K under it).
   *
   * @param zone 0-based zone index
   * @throws IllegalArgumentException for an unknown zone or a setpoint outside 5..30 °C
   */
  public synchronized void setComfortSetpoint(int zone, double celsius) {
    checkZone(zone);
    if (!(celsius >= MIN_COMFORT_C && celsius <= MAX_COMFORT_C)) {
      throw new IllegalArgumentException("comfort setpoint must be in " + MIN_COMFORT_C + ".." + MAX_COMFORT_C
          + " °C, got " + celsius);
    }
    advance();
    comfortC[zone] = celsius;
    LOG.info("building {} zone {}: comfort setpoint {} °C", config.name(), zone(zone), celsius);
  }

  public synchronized void setMode(int zone, ZoneMode newMode) {
    checkZone(zone);
    Objects.requireNonNull(newMode, "newMode");
    advance();
    mode[zone] = newMode;
    LOG.info("building {} zone {}: mode {}", config.name(), zone(zone), newMode);
  }

  /** @param circuit 1 or 2 */
  public synchronized void setLight(int zone, int circuit, boolean on) {
    checkZone(zone);
    if (circuit != 1 && circuit != 2) {
      throw new IllegalArgumentException("lighting circuit must be 1 or 2, got " + circuit);
    }
    advance();
    lights[zone][circuit - 1] = on;
    LOG.info("building {} zone {}: light {} {}", config.name(), zone(zone), circuit, on ? "on" : "off");
  }

  private void advance() {
    Instant now = clock.instant();
    while (!gridAt.plus(STEP).isAfter(now)) {
      step();
      gridAt = gridAt.plus(STEP);
    }
  }

  private void step() {
    double outdoor = config.climate().temperatureC(gridAt);
    double supply = config.supplyC(outdoor);
    for (int i = 0; i < zoneCount(); i++) {
      ZoneConfig z = config.zones().get(i);
      heating[i] = thermostat(i);
      double power = power(i, supply, heating[i]);
      double gains = (presence(i, gridAt) ? z.occupancyGainKw() : 0)
          + z.lightKwPerCircuit() * ((lights[i][0] ? 1 : 0) + (lights[i][1] ? 1 : 0));
      double equilibrium = outdoor + (power + gains) / z.uaKwPerK();
      roomC[i] = equilibrium + (roomC[i] - equilibrium) * Math.exp(-stepH / z.timeConstantH());
      energyKwh += power * stepH;
    }
  }

  /** The thermostat's decision at the current state: on below sp − 0.5 K, off above sp + 0.5 K. */
  private boolean thermostat(int i) {
    double setpoint = mode[i].setpoint(comfortC[i]);
    if (Double.isNaN(setpoint)) {
      return false;
    }
    if (roomC[i] < setpoint - HYSTERESIS_K) {
      return true;
    }
    if (roomC[i] > setpoint + HYSTERESIS_K) {
      return false;
    }
    return heating[i];
  }

  /** Emitter output: proportional to supply − room, full output at the curve's design point. */
  private double power(int i, double supplyC, boolean calls) {
    if (!calls) {
      return 0;
    }
    double share = (supplyC - roomC[i]) / (designSupplyC - CURVE_ROOM_C);
    return config.zones().get(i).heaterKw() * Math.max(0, Math.min(1, share));
  }

  /** Scheduled and, nine hours in ten, someone there; a pure function of (seed, zone, hour). */
  private boolean presence(int i, Instant at) {
    if (!config.zones().get(i).occupancy().scheduled(at)) {
      return false;
    }
    long hour = Math.floorDiv(at.getEpochSecond(), 3600);
    return new SplittableRandom(config.seed() * 31 + i * 0x9E3779B97F4A7C15L + hour).nextDouble()
        < PRESENCE_PROBABILITY;
  }

  private void checkZone(int zone) {
    if (zone < 0 || zone >= zoneCount()) {
      throw new IllegalArgumentException("building " + config.name() + " has zones 0.." + (zoneCount() - 1)
          + ", not " + zone);
    }
  }

  private String zone(int i) {
    return config.zones().get(i).name();
  }
}
