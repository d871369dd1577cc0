package fr.beffroi.sim.model.waste;

import static org.assertj.core.api.Assertions.assertThat;

import fr.beffroi.sim.time.LeapClock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The truck round keeps to DOMAIN's figures, and one seed gives one round. */
class TruckRoundTest {

  // Tuesday 2 June 2026 (ISO week 23, odd: recycling) 00:00 Paris
  private static final Instant MIDNIGHT = Instant.parse("2026-06-01T22:00:00Z");

  private static List<SimulatedLift> days(long seed, int days) {
    LeapClock clock = LeapClock.at(MIDNIGHT);
    TruckRound round = new TruckRound(TruckRoundConfig.oise(seed, "BOM-12"), Route.oiseVillage(), clock);
    List<SimulatedLift> heard = new ArrayList<>();
    round.onLift(heard::add);
    List<SimulatedLift> all = new ArrayList<>();
    for (int m = 0; m < days * 24 * 60; m++) {
      clock.leap(Duration.ofMinutes(1));
      all.addAll(round.advance());
    }
    assertThat(heard).containsExactlyElementsOf(all);
    return all;
  }

  @Test
  void aDayIsAboutTwelveHundredLiftsWithinTheShiftAtTheCadenceOfItsZone() {
    List<SimulatedLift> day = days(7, 1);

    assertThat(day).hasSizeBetween(1_050, 1_350);
    ZoneId paris = ZoneId.of("Europe/Paris");
    assertThat(day).allSatisfy(l -> {
      int hour = l.at().atZone(paris).getHour();
      assertThat(hour).isBetween(5, 14);
      assertThat(l.lat()).isBetween(49.39, 49.41);
      assertThat(l.lon()).isBetween(2.09, 2.12);
      assertThat(l.stream()).isEqualTo("EMB");
    });
    for (int i = 1; i < day.size(); i++) {
      long gap = Duration.between(day.get(i - 1).at(), day.get(i).at()).toSeconds();
      assertThat(gap).isBetween(15L, 120L);
      assertThat(day.get(i).truckSeq()).isEqualTo(day.get(i - 1).truckSeq() + 1);
    }
  }

  @Test
  void overTenDaysTheRatesAndMassesAreDomainsFigures() {
    List<SimulatedLift> lifts = days(11, 10);
    int n = lifts.size();
    long noTag = lifts.stream().filter(l -> l.status() == LiftStatus.NO_TAG).count();
    long odd = lifts.stream().filter(l -> l.status() == LiftStatus.UNKNOWN_TAG || l.status() == LiftStatus.BLOCKED).count();
    long doubled = lifts.stream().filter(l -> l.reads() > 1).count();
    assertThat(noTag / (double) n).isBetween(0.002, 0.009);
    assertThat(odd / (double) n).isBetween(0.0008, 0.006);
    assertThat(doubled / (double) n).isBetween(0.015, 0.055);
    assertThat(lifts).filteredOn(l -> l.status() == LiftStatus.NO_TAG).allSatisfy(l -> assertThat(l.tag()).isEmpty());

    // residual waste (OMR) in a 120 L bin (tare 9.5 kg): median 12 kg
    double[] omr = lifts.stream().filter(l -> l.stream().equals("OMR") && l.tare().getAsDouble() == 9.5 && !l.dynamic())
        .mapToDouble(SimulatedLift::netKg).sorted().toArray();
    assertThat(omr.length).isGreaterThan(1_000);
    assertThat(omr[omr.length / 2]).isBetween(11.0, 13.0);
    assertThat(lifts).extracting(SimulatedLift::stream).contains("OMR", "EMB");
  }

  @Test
  void oneSeedOneRound() {
    assertThat(days(3, 1)).isEqualTo(days(3, 1));
    assertThat(days(3, 1)).isNotEqualTo(days(4, 1));
  }

  @Test
  void theTruckMovesBetweenLiftsAlongTheLoop() {
    LeapClock clock = LeapClock.at(Instant.parse("2026-06-02T04:00:00Z"));
    TruckRound round = new TruckRound(TruckRoundConfig.oise(5, "BOM-12"), Route.oiseVillage(), clock);
    clock.leap(Duration.ofMinutes(30));
    List<SimulatedLift> lifts = round.advance();
    SimulatedLift last = lifts.get(lifts.size() - 1);
    Route.Place atLift = round.positionAt(last.at());
    assertThat(atLift.lat()).isEqualTo(last.lat());
    Route.Place later = round.positionAt(clock.instant().plusSeconds(120));
    assertThat(later).isNotEqualTo(atLift);
    assertThat(round.speedKmh()).isBetween(0.5, 20.0);
    assertThat(Route.oiseVillage().length()).isBetween(4_000.0, 5_000.0);
  }
}
