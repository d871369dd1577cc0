package fr.beffroi.sim.model.groundwater;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import fr.beffroi.sim.time.LeapClock;
import java.time.Duration;
import java.time.Instant;
import java.time.Month;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class AquiferModelTest {

  private static final Instant START = Instant.parse("2026-01-01T00:00:00Z");

  private static AquiferConfig withoutMultiYear(AquiferConfig c) {
    return new AquiferConfig(c.meanLevelM(), c.groundM(), c.seasonalM(), 0, c.multiYearPeriod(),
        c.multiYearOrigin(), c.noiseSigmaM(), c.noisePhi(), c.drought(), c.pumpings(), c.meanTemperature(),
        c.batteryStart(), c.batteryPerYear(), c.seed());
  }

  /** Every hourly sample from START over {@code hours}, leaping the clock one hour at a time. */
  private static List<ProbeSample> series(AquiferConfig config, int hours) {
    LeapClock clock = LeapClock.at(START);
    AquiferModel model = new AquiferModel(config, clock);
    List<ProbeSample> out = new ArrayList<>(hours);
    for (int h = 0; h < hours; h++) {
      out.add(model.snapshot());
      clock.leap(Duration.ofHours(1));
    }
    return out;
  }

  @Test
  void plateauLevelPeaksInMarchAprilAndBottomsInSeptemberOctober() {
    // GIVEN a plateau piezometer without the multi-year wave, over one simulated year
    AquiferConfig seasonal = withoutMultiYear(AquiferConfig.plateau(7));

    List<ProbeSample> year = series(seasonal, 365 * 24);

    ProbeSample max = year.stream().max((a, b) -> Double.compare(a.levelM(), b.levelM())).orElseThrow();
    ProbeSample min = year.stream().min((a, b) -> Double.compare(a.levelM(), b.levelM())).orElseThrow();
    assertThat(max.time().atOffset(ZoneOffset.UTC).getMonth()).isIn(Month.MARCH, Month.APRIL);
    assertThat(min.time().atOffset(ZoneOffset.UTC).getMonth()).isIn(Month.SEPTEMBER, Month.OCTOBER);
    // a ±1.25 m seasonal swing: 2.5 m between the extremes, give or take the noise
    assertThat(max.levelM() - min.levelM()).isBetween(2.4, 2.7);
    assertThat(max.depthM() + max.levelM()).isCloseTo(110.0, within(1e-9));
  }

  @Test
  void valleySwingIsSmall() {
    AquiferModel model = new AquiferModel(withoutMultiYear(AquiferConfig.valley(3)), LeapClock.at(START));

    double swing = model.meanLevelAt(Instant.parse("2026-03-21T00:00:00Z"))
        - model.meanLevelAt(Instant.parse("2026-09-20T00:00:00Z"));

    assertThat(swing).isCloseTo(0.7, within(0.01));
  }

  @Test
  void noiseIsAr1WithOneCentimetreSigmaAndPhi098() {
    List<ProbeSample> tenYears = series(AquiferConfig.plateau(11).noiseOnly(), 10 * 365 * 24);

    double[] e = tenYears.stream().mapToDouble(s -> s.levelM() - 72.0).toArray();
    double mean = 0;
    for (double x : e) {
      mean += x / e.length;
    }
    double var = 0;
    double cov = 0;
    for (int i = 0; i < e.length; i++) {
      var += (e[i] - mean) * (e[i] - mean);
      if (i > 0) {
        cov += (e[i] - mean) * (e[i - 1] - mean);
      }
    }
    double sigma = Math.sqrt(var / e.length);
    double phi = cov / var;
    assertThat(mean).isCloseTo(0, within(0.002));
    assertThat(sigma).isCloseTo(0.01, within(0.001));
    assertThat(phi).isCloseTo(0.98, within(0.005));
  }

  @Test
  void droughtDrawsTheLevelDownTwoToThreeMetresOverMonths() {
    Drought drought = new Drought(Instant.parse("2026-04-01T00:00:00Z"), Duration.ofDays(240), 2.5,
        Duration.ofDays(180));
    AquiferConfig wet = AquiferConfig.plateau(5);
    AquiferModel without = new AquiferModel(wet, LeapClock.at(START));
    AquiferModel with = new AquiferModel(wet.withDrought(drought), LeapClock.at(START));

    Instant deepest = Instant.parse("2026-11-27T00:00:00Z");
    double drawdown = without.meanLevelAt(deepest) - with.meanLevelAt(deepest);
    double halfway = without.meanLevelAt(Instant.parse("2026-07-30T00:00:00Z"))
        - with.meanLevelAt(Instant.parse("2026-07-30T00:00:00Z"));

    assertThat(drawdown).isBetween(2.0, 3.0);
    assertThat(halfway).isCloseTo(1.25, within(0.01));
    assertThat(without.meanLevelAt(Instant.parse("2027-06-01T00:00:00Z")))
        .isEqualTo(with.meanLevelAt(Instant.parse("2027-06-01T00:00:00Z")));
  }

  @Test
  void pumpingDipsTheLevelForHoursThenRecovers() {
    Pumping pump = new Pumping(Instant.parse("2026-07-01T08:00:00Z"), Duration.ofHours(8), 0.4);
    AquiferModel model = new AquiferModel(AquiferConfig.plateau(5).withPumping(pump), LeapClock.at(START));
    AquiferModel calm = new AquiferModel(AquiferConfig.plateau(5), LeapClock.at(START));

    double dipAtStop = calm.meanLevelAt(Instant.parse("2026-07-01T16:00:00Z"))
        - model.meanLevelAt(Instant.parse("2026-07-01T16:00:00Z"));
    double dipNextDay = calm.meanLevelAt(Instant.parse("2026-07-02T16:00:00Z"))
        - model.meanLevelAt(Instant.parse("2026-07-02T16:00:00Z"));

    assertThat(dipAtStop).isBetween(0.2, 0.5);
    assertThat(dipNextDay).isLessThan(0.01);
  }

  @Test
  void sameSeedSameSeriesWhateverTheReadRate() {
    List<ProbeSample> hourly = series(AquiferConfig.plateau(42), 24 * 30);

    LeapClock clock = LeapClock.at(START);
    AquiferModel model = new AquiferModel(AquiferConfig.plateau(42), clock);
    clock.leap(Duration.ofDays(30).minusHours(1).plusMinutes(59));
    ProbeSample readOnce = model.snapshot();

    assertThat(readOnce).isEqualTo(hourly.get(hourly.size() - 1));
    assertThat(series(AquiferConfig.plateau(42), 24 * 30)).isEqualTo(hourly);
    assertThat(series(AquiferConfig.plateau(43), 24 * 30)).isNotEqualTo(hourly);
  }

  @Test
  void samplesSitOnTheHourAndNeverGoBack() {
    LeapClock clock = LeapClock.at(Instant.parse("2026-03-01T10:42:17Z"));
    AquiferModel model = new AquiferModel(AquiferConfig.plateau(1), clock);

    assertThat(model.snapshot().time()).isEqualTo(Instant.parse("2026-03-01T10:00:00Z"));
    clock.leap(Duration.ofMinutes(20));
    ProbeSample eleven = model.snapshot();
    assertThat(eleven.time()).isEqualTo(Instant.parse("2026-03-01T11:00:00Z"));
    clock.set(Instant.parse("2026-03-01T09:00:00Z"));
    assertThat(model.snapshot()).isEqualTo(eleven);
    assertThat(eleven.temperature()).isBetween(10.5, 11.0);
    assertThat(eleven.batteryPct()).isBetween(94.0, 95.0);
  }
}
