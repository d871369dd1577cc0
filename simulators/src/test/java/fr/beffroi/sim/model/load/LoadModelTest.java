package fr.beffroi.sim.model.load;

import static org.assertj.core.api.Assertions.assertThat;

import fr.beffroi.sim.time.LeapClock;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class LoadModelTest {

  @Test
  void standbyAtNightPlateauInTheDayStandbyAtWeekends() {
    LeapClock clock = LeapClock.at(Instant.parse("2026-06-22T00:00:00Z")); // a Monday
    LoadModel load = new LoadModel(LoadConfig.school(3), clock);
    assertThat(load.baseKw(Instant.parse("2026-06-22T01:00:00Z"))).isBetween(1.0, 2.0);
    assertThat(load.baseKw(Instant.parse("2026-06-22T10:00:00Z"))).isBetween(6.0, 10.0);   // 12:00 local
    assertThat(load.baseKw(Instant.parse("2026-06-27T10:00:00Z"))).isBetween(1.0, 2.0);    // Saturday
  }

  @Test
  void theWaterHeaterAddsItsPowerWhileOnAndTheGridSeesConsumptionMinusProduction() {
    LeapClock clock = LeapClock.at(Instant.parse("2026-06-22T10:00:00Z"));
    LoadModel load = new LoadModel(LoadConfig.school(3), clock);
    LoadSnapshot off = load.snapshot();
    load.setWaterHeater(true);
    LoadSnapshot on = load.snapshot();
    assertThat(on.consumptionKw() - off.consumptionKw()).isEqualTo(3.0);
    assertThat(on.heaterOn()).isTrue();
    assertThat(on.gridKw(20.0)).isEqualTo(on.consumptionKw() - 20.0);
  }
}
