package fr.beffroi.sim.model.building;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import fr.beffroi.sim.time.LeapClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class BuildingModelTest {

  private static final Instant JANUARY = Instant.parse("2027-01-11T00:00:00Z");
  /**
   * The room may pass a thermostat threshold by what it moves in one one-minute step before the
   * thermostat sees it: a few thousandths of a kelvin with τ ≥ 30 h.
   */
  private static final double ONE_STEP_K = 0.01;

  private final LeapClock clock = LeapClock.at(JANUARY);

  /** One school classroom (τ 60 h) in a steady 0 °C, nobody in: the physics alone. */
  private static BuildingConfig classroomAlone(double initialC, ZoneMode mode) {
    ZoneConfig classroom = ZoneConfig.of("classe", 0.25, 60, 19, 1.5, Occupancy.never()).withInitial(initialC, mode);
    return BuildingConfig.school(1).withClimate(OutdoorClimate.constant(0)).withZones(List.of(classroom));
  }

  @Test
  void inConfortEveryZoneConvergesTo19Within05K() {
    // GIVEN a school in January weather, every room cold at 15 °C, mode confort
    BuildingConfig school = BuildingConfig.school(7);
    List<ZoneConfig> cold = school.zones().stream().map(z -> z.withInitial(15, ZoneMode.CONFORT)).toList();
    BuildingModel model = BuildingModel.create(school.withZones(cold), clock);

    // WHEN three days pass (τ = 60 h: the emitters bring the rooms up in about a day and a half)
    clock.leap(Duration.ofDays(3));

    // THEN over the next four days, sampled every 10 minutes, every room stays in 19 ± 0.5 °C
    for (int i = 0; i < 4 * 144; i++) {
      clock.leap(Duration.ofMinutes(10));
      for (ZoneSnapshot z : model.snapshot().zones()) {
        assertThat(z.roomC()).as("%s at %s", z.name(), clock.instant())
            .isBetween(19 - 0.5 - ONE_STEP_K, 19 + 0.5 + ONE_STEP_K);
        assertThat(z.activeSetpointC()).isEqualTo(19);
      }
    }
  }

  @Test
  void aSportsHallHoldsIts14DegreeComfort() {
    BuildingModel model = BuildingModel.create(BuildingConfig.sportsHall(3), clock);

    clock.leap(Duration.ofDays(3));

    ZoneSnapshot hall = model.snapshot().zones().get(0);
    assertThat(hall.name()).isEqualTo("salle");
    assertThat(hall.roomC()).isCloseTo(14, within(0.5 + ONE_STEP_K));
  }

  @Test
  void switchedToHorsGelTheRoomDriftsDownWithItsTimeConstant() {
    // GIVEN a classroom at 19 °C, 0 °C outside, switched to hors-gel (8 °C: no heat until then)
    BuildingModel model = BuildingModel.create(classroomAlone(19, ZoneMode.CONFORT), clock);
    model.setMode(0, ZoneMode.HORS_GEL);

    // WHEN 30 h pass
    clock.leap(Duration.ofHours(30));
    ZoneSnapshot after30h = model.snapshot().zones().get(0);

    // THEN T = T_out + (T0 − T_out) e^(−t/τ) with τ = 60 h: 19 e^(−0.5) ≈ 11.52 °C, and no heat
    assertThat(after30h.roomC()).isCloseTo(19 * Math.exp(-0.5), within(1e-9));
    assertThat(after30h.heating()).isFalse();
    assertThat(model.snapshot().heatEnergyKwh()).isZero();

    // AND the time constant read back from two points of the curve is 60 h
    clock.leap(Duration.ofHours(10));
    double after40h = model.snapshot().zones().get(0).roomC();
    double tauH = -10 / Math.log(after40h / after30h.roomC());
    assertThat(tauH).isCloseTo(60, within(1e-6));

    // AND once down at 8 − 0.5 °C the thermostat holds it there
    clock.leap(Duration.ofDays(4));
    ZoneSnapshot held = model.snapshot().zones().get(0);
    assertThat(held.roomC()).isCloseTo(8, within(0.5 + ONE_STEP_K));
    assertThat(held.activeSetpointC()).isEqualTo(8);
  }

  @Test
  void aHeatingCommandMovesTheRoomOverSimulatedHours() {
    BuildingModel model = BuildingModel.create(classroomAlone(12, ZoneMode.ARRET), clock);
    clock.leap(Duration.ofHours(6));
    double off = model.snapshot().zones().get(0).roomC();
    assertThat(off).isLessThan(12);
    assertThat(model.snapshot().zones().get(0).activeSetpointC()).isNaN();

    model.setMode(0, ZoneMode.CONFORT);
    model.setComfortSetpoint(0, 21);
    assertThat(model.snapshot().zones().get(0).heating()).isTrue();
    clock.leap(Duration.ofHours(6));

    ZoneSnapshot on = model.snapshot().zones().get(0);
    assertThat(on.roomC()).isGreaterThan(off + 1);
    assertThat(on.powerKw()).isPositive();
    assertThat(model.snapshot().heatPowerKw()).isEqualTo(on.powerKw());
  }

  @Test
  void theHeatMetersEnergyIsTheIntegralOfItsPower() {
    // GIVEN a town hall with varying weather, presence and a thermostat switching on and off
    BuildingModel model = BuildingModel.create(BuildingConfig.townHall(11), clock, 1000);
    model.setMode(1, ZoneMode.REDUIT);
    double start = model.snapshot().heatEnergyKwh();
    double integral = 0;

    // WHEN the power is read at every step for two days
    int steps = 2 * 24 * 60;
    boolean sawOff = false;
    boolean sawOn = false;
    for (int i = 0; i < steps; i++) {
      BuildingSnapshot s = model.snapshot();
      integral += s.heatPowerKw() * BuildingModel.STEP.toSeconds() / 3600.0;
      sawOff |= s.zones().stream().anyMatch(z -> !z.heating());
      sawOn |= s.zones().stream().anyMatch(ZoneSnapshot::heating);
      clock.leap(BuildingModel.STEP);
    }

    // THEN the meter advanced by exactly that integral
    assertThat(sawOff && sawOn).isTrue();
    assertThat(model.snapshot().heatEnergyKwh() - start).isCloseTo(integral, within(1e-6));
    assertThat(start).isEqualTo(1000);
  }

  @Test
  void theSameSeedGivesTheSameSeriesWhateverTheReadRate() {
    LeapClock other = LeapClock.at(JANUARY);
    BuildingModel a = BuildingModel.create(BuildingConfig.school(5), clock);
    BuildingModel b = BuildingModel.create(BuildingConfig.school(5), other);
    BuildingModel c = BuildingModel.create(BuildingConfig.school(6), LeapClock.at(JANUARY));

    List<BuildingSnapshot> seriesA = new ArrayList<>();
    List<BuildingSnapshot> seriesB = new ArrayList<>();
    for (int hour = 0; hour < 72; hour++) {
      clock.leap(Duration.ofMinutes(20));
      a.snapshot(); // a is read three times an hour, b once
      clock.leap(Duration.ofMinutes(20));
      a.snapshot();
      clock.leap(Duration.ofMinutes(20));
      other.leap(Duration.ofHours(1));
      seriesA.add(a.snapshot());
      seriesB.add(b.snapshot());
    }

    assertThat(seriesA).isEqualTo(seriesB);
    assertThat(new OiseClimate(6).temperatureC(JANUARY)).isNotEqualTo(new OiseClimate(5).temperatureC(JANUARY));
    assertThat(c.config().seed()).isEqualTo(6);
  }

  @Test
  void theOutdoorTemperatureFollowsTheOiseNormalsWithADailyCycle() {
    OiseClimate climate = new OiseClimate(42);
    double sumJanuary = 0;
    double sumJuly = 0;
    int n = 0;
    for (int year = 2027; year < 2047; year++) {
      for (int day = 1; day <= 31; day++) {
        for (int hour = 0; hour < 24; hour++) {
          sumJanuary += climate.temperatureC(Instant.parse(String.format("%d-01-%02dT%02d:00:00Z", year, day, hour)));
          sumJuly += climate.temperatureC(Instant.parse(String.format("%d-07-%02dT%02d:00:00Z", year, day, hour)));
          n++;
        }
      }
    }
    // the mean of Paris (3.4, 19.1) and Lille (2.4, 17.1), pulled a little towards the neighbour months
    assertThat(sumJanuary / n).isCloseTo(OiseClimate.normalC(1), within(0.6));
    assertThat(sumJuly / n).isCloseTo(OiseClimate.normalC(7), within(0.6));
    assertThat(OiseClimate.normalC(1)).isEqualTo(2.9);
    // warmer at 14:00 UTC than at 02:00 UTC on the same day, by about the daily range
    double afternoon = climate.temperatureC(Instant.parse("2027-03-10T14:00:00Z"));
    double night = climate.temperatureC(Instant.parse("2027-03-10T02:00:00Z"));
    assertThat(afternoon - night).isBetween(3.0, 10.0);
  }

  @Test
  void theHeatingCurvePassesThroughItsReferencePoints() {
    BuildingConfig school = BuildingConfig.school(1);

    assertThat(school.supplyC(-10)).isCloseTo(60, within(1e-9));
    assertThat(school.supplyC(20)).isCloseTo(20, within(1e-9));
    assertThat(school.supplyC(25)).isEqualTo(20);
  }

  @Test
  void commandsOutsideTheModelAreRefused() {
    BuildingModel model = BuildingModel.create(BuildingConfig.sportsHall(1), clock);

    assertThatThrownBy(() -> model.setMode(2, ZoneMode.CONFORT)).hasMessageContaining("has zones 0..1, not 2");
    assertThatThrownBy(() -> model.setComfortSetpoint(0, 40)).hasMessageContaining("got 40.0");
    assertThatThrownBy(() -> model.setLight(0, 3, true)).hasMessageContaining("must be 1 or 2");
  }
}
