package fr.beffroi.sim.model.pv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import fr.beffroi.sim.time.LeapClock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import org.assertj.core.data.Percentage;
import org.junit.jupiter.api.Test;

class PvInverterModelTest {

  private static final ZoneId PARIS = ZoneId.of("Europe/Paris");
  private static final double PEAK_KW = 36;

  private static Instant local(int year, int month, int day, int hour, int minute) {
    return LocalDateTime.of(year, month, day, hour, minute).atZone(PARIS).toInstant();
  }

  private static PvInverterModel clearSky(Instant start) {
    return PvInverterModel.create(PvInverterConfig.oise(7, PEAK_KW).withClearSky(), LeapClock.at(start));
  }

  private static double peakW(PvInverterModel model, LocalDate day) {
    double peak = 0;
    Instant t = day.atTime(9, 0).atZone(PARIS).toInstant();
    Instant end = day.atTime(17, 0).atZone(PARIS).toInstant();
    for (; t.isBefore(end); t = t.plus(Duration.ofMinutes(1))) {
      peak = Math.max(peak, model.acPowerW(t));
    }
    return peak;
  }

  @Test
  void clearDayNoonPeakIsAbout19kWOn21December() {
    PvInverterModel model = clearSky(local(2026, 12, 21, 0, 0));

    assertThat(peakW(model, LocalDate.of(2026, 12, 21))).isCloseTo(19_000, Percentage.withPercentage(15));
  }

  @Test
  void clearDayNoonPeakIsAbout31kWOn21June() {
    PvInverterModel model = clearSky(local(2026, 6, 21, 0, 0));

    assertThat(peakW(model, LocalDate.of(2026, 6, 21))).isCloseTo(31_000, Percentage.withPercentage(15));
  }

  @Test
  void sunlitRoughlyNineToFiveOn21DecemberAndSixToTenOn21June() {
    PvInverterModel model = clearSky(local(2026, 6, 1, 0, 0));

    assertThat(model.acPowerW(local(2026, 12, 21, 8, 30))).isZero();
    assertThat(model.acPowerW(local(2026, 12, 21, 9, 30))).isPositive();
    assertThat(model.acPowerW(local(2026, 12, 21, 16, 30))).isPositive();
    assertThat(model.acPowerW(local(2026, 12, 21, 17, 30))).isZero();

    assertThat(model.acPowerW(local(2026, 6, 21, 5, 0))).isZero();
    assertThat(model.acPowerW(local(2026, 6, 21, 6, 30))).isPositive();
    assertThat(model.acPowerW(local(2026, 6, 21, 21, 30))).isPositive();
    assertThat(model.acPowerW(local(2026, 6, 21, 22, 30))).isZero();
  }

  @Test
  void nightIsZeroPowerAndSleeping() {
    LeapClock clock = LeapClock.at(local(2026, 6, 21, 23, 30));
    PvInverterModel model = PvInverterModel.create(42, PEAK_KW, clock);

    for (Instant night : List.of(local(2026, 6, 21, 23, 30), local(2026, 12, 21, 2, 0), local(2026, 3, 15, 0, 0))) {
      clock.set(night);
      InverterSnapshot s = model.snapshot();
      assertThat(s.acPowerW()).as("W at %s", night).isZero();
      assertThat(s.state()).as("St at %s", night).isEqualTo(OperatingState.SLEEPING);
      assertThat(s.dcVoltageV()).as("DCV at %s", night).isZero();
    }
  }

  @Test
  void energyCounterIsTheIntegralOfPowerOverADay() {
    // GIVEN a cloudy-ish summer day (transients every 5 minutes), read every minute
    Instant start = local(2026, 7, 3, 0, 0);
    LeapClock clock = LeapClock.at(start);
    PvInverterModel model = PvInverterModel.create(11, PEAK_KW, clock);

    double integral = 0;
    double previousPower = model.snapshot().acPowerW();
    double previousEnergy = model.snapshot().energyWh();
    for (int minute = 0; minute < 24 * 60; minute++) {
      clock.leap(Duration.ofMinutes(1));
      InverterSnapshot s = model.snapshot();
      integral += (previousPower + s.acPowerW()) / 2 / 60;
      assertThat(s.energyWh()).isGreaterThanOrEqualTo(previousEnergy);
      previousPower = s.acPowerW();
      previousEnergy = s.energyWh();
    }

    // THEN the counter grew by the integral of the power it reported, within 1 %
    assertThat(integral).isGreaterThan(10_000);
    assertThat(model.snapshot().energyWh()).isCloseTo(integral, Percentage.withPercentage(1));
  }

  @Test
  void energyCounterDoesNotDependOnHowOftenItIsRead() {
    Instant start = local(2026, 5, 10, 0, 0);
    LeapClock often = LeapClock.at(start);
    LeapClock once = LeapClock.at(start);
    PvInverterModel readOften = PvInverterModel.create(5, PEAK_KW, often);
    PvInverterModel readOnce = PvInverterModel.create(5, PEAK_KW, once);

    for (int i = 0; i < 24 * 60; i++) {
      often.leap(Duration.ofSeconds(61));
      readOften.snapshot();
    }
    once.set(often.instant());

    assertThat(readOnce.snapshot().energyWh()).isCloseTo(readOften.snapshot().energyWh(), within(1e-6));
  }

  @Test
  void energyCounterNeverGoesBackWhenTheClockDoes() {
    LeapClock clock = LeapClock.at(local(2026, 6, 21, 8, 0));
    PvInverterModel model = PvInverterModel.create(3, PEAK_KW, clock);
    clock.leap(Duration.ofHours(4));
    double atNoon = model.snapshot().energyWh();

    clock.leap(Duration.ofHours(-2));

    assertThat(atNoon).isPositive();
    assertThat(model.snapshot().energyWh()).isEqualTo(atNoon);
  }

  @Test
  void sameSeedGivesTheSameSeriesAndAnotherSeedAnotherOne() {
    Instant start = local(2026, 4, 1, 0, 0);
    List<InverterSnapshot> first = series(123, start);
    List<InverterSnapshot> again = series(123, start);
    List<InverterSnapshot> other = series(124, start);

    assertThat(again).isEqualTo(first);
    assertThat(other).isNotEqualTo(first);
  }

  private static List<InverterSnapshot> series(long seed, Instant start) {
    LeapClock clock = LeapClock.at(start);
    PvInverterModel model = PvInverterModel.create(seed, PEAK_KW, clock);
    List<InverterSnapshot> out = new ArrayList<>();
    for (int i = 0; i < 3 * 24 * 6; i++) {
      clock.leap(Duration.ofMinutes(10));
      out.add(model.snapshot());
    }
    return out;
  }

  @Test
  void cloudsVaryFromDayToDayButKeepTheYearlyYieldNear950kWhPerKWc() {
    Instant start = local(2026, 1, 1, 0, 0);
    PvInverterModel model = PvInverterModel.create(2026, PEAK_KW, LeapClock.at(start));
    SeededSky sky = new SeededSky(2026, PvSite.OISE_ROOF, PvInverterModel.PERFORMANCE_RATIO);

    double kwhPerKwc = model.energyWh(local(2027, 1, 1, 0, 0)) / 1000 / PEAK_KW;

    assertThat(kwhPerKwc).isCloseTo(950, Percentage.withPercentage(15));
    assertThat(sky.dailyClearness(LocalDate.of(2026, 6, 1)))
        .isNotEqualTo(sky.dailyClearness(LocalDate.of(2026, 6, 2)))
        .isBetween(0.0, 1.0);
  }

  @Test
  void faultStopsProductionRaisesGroundFaultAndClears() {
    LeapClock clock = LeapClock.at(local(2026, 6, 21, 13, 0));
    PvInverterModel model = PvInverterModel.create(PvInverterConfig.oise(1, PEAK_KW).withClearSky(), clock);
    assertThat(model.snapshot().state()).isEqualTo(OperatingState.MPPT);

    model.setFault(true);
    double energyAtFault = model.snapshot().energyWh();
    clock.leap(Duration.ofHours(1));
    InverterSnapshot inFault = model.snapshot();

    assertThat(inFault.state()).isEqualTo(OperatingState.FAULT);
    assertThat(inFault.acPowerW()).isZero();
    assertThat(inFault.evt1() & Evt1.GROUND_FAULT).isNotZero();
    assertThat(inFault.energyWh()).isEqualTo(energyAtFault);

    model.setFault(false);
    InverterSnapshot cleared = model.snapshot();
    assertThat(cleared.state()).isEqualTo(OperatingState.MPPT);
    assertThat(cleared.acPowerW()).isPositive();
    assertThat(cleared.evt1()).isZero();
  }

  @Test
  void powerLimitThrottlesOutput() {
    LeapClock clock = LeapClock.at(local(2026, 6, 21, 13, 30));
    PvInverterModel model = PvInverterModel.create(PvInverterConfig.oise(1, PEAK_KW).withClearSky(), clock);

    model.setPowerLimitPercent(50);
    InverterSnapshot s = model.snapshot();

    assertThat(s.state()).isEqualTo(OperatingState.THROTTLED);
    assertThat(s.acPowerW()).isCloseTo(model.ratedAcW() / 2, within(1e-6));
  }

  @Test
  void producingInverterShowsMppVoltageAndGridFrequency() {
    LeapClock clock = LeapClock.at(local(2026, 6, 21, 13, 30));
    InverterSnapshot s = PvInverterModel.create(9, PEAK_KW, clock).snapshot();

    assertThat(s.dcVoltageV()).isBetween(350.0, 800.0);
    assertThat(s.frequencyHz()).isCloseTo(50.0, within(0.05));
  }

  @Test
  void dcPowerSplitsOverTwoStrings55And45PercentAtSlightlyDifferentVoltages() {
    PvInverterModel model = clearSky(local(2026, 6, 21, 0, 0));
    InverterSnapshot s = model.snapshot(local(2026, 6, 21, 11, 0));

    assertThat(s.dcInputs()).hasSize(2);
    DcInput east = s.dcInputs().get(0);
    DcInput west = s.dcInputs().get(1);
    double dcW = s.acPowerW() / PvInverterModel.INVERTER_EFFICIENCY;
    assertThat(east.powerW() + west.powerW()).isCloseTo(dcW, within(1e-6));
    assertThat(east.powerW() / dcW).isCloseTo(0.55, within(1e-9));
    assertThat(east.voltageV()).isGreaterThan(s.dcVoltageV()).isGreaterThan(west.voltageV());
    assertThat(west.voltageV()).isCloseTo(s.dcVoltageV() * 0.97, within(1e-6));
    assertThat(east.currentA()).isCloseTo(east.powerW() / east.voltageV(), within(1e-9));
    assertThat(east.energyWh() + west.energyWh())
        .isCloseTo(s.energyWh() / PvInverterModel.INVERTER_EFFICIENCY, within(1e-6));
  }

  @Test
  void stringEnergyCountersNeverDecrease() {
    PvInverterModel model = clearSky(local(2026, 6, 21, 0, 0));
    double[] last = new double[2];
    for (Instant t = local(2026, 6, 21, 6, 0); t.isBefore(local(2026, 6, 21, 20, 0));
        t = t.plus(Duration.ofMinutes(7))) {
      List<DcInput> in = model.snapshot(t).dcInputs();
      for (int i = 0; i < 2; i++) {
        assertThat(in.get(i).energyWh()).isGreaterThanOrEqualTo(last[i]);
        last[i] = in.get(i).energyWh();
      }
    }
    assertThat(last[0]).isGreaterThan(last[1]).isPositive();
  }
}
