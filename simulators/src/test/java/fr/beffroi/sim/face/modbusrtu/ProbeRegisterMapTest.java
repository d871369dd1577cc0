package fr.beffroi.sim.face.modbusrtu;

import static org.assertj.core.api.Assertions.assertThat;

import fr.beffroi.sim.model.groundwater.ProbeSample;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class ProbeRegisterMapTest {

  private final ProbeRegisterMap map = ProbeRegisterMap.bundled();

  @Test
  void sampleBecomesTheProfileRegisters() {
    ProbeSample s = new ProbeSample(Instant.parse("2026-03-21T12:00:00Z"), 72.345, 37.655, 10.84, 87.5);

    // level 72 345 mm = 0x0001_1A99; depth 3766 cm (rounded); 1084; 875
    assertThat(map.inputRegisters(s)).containsExactly(0x0001, 0x1A99, 3766, 1084, 875);
    assertThat(map.holdingRegisters(110.0)).containsExactly(11000, 60);
  }

  @Test
  void negativeTemperatureIsTwosComplement() {
    ProbeSample s = new ProbeSample(Instant.EPOCH, 1.0, 1.0, -0.5, 0);

    assertThat(map.inputRegisters(s)[3]).isEqualTo(0xFFCE);
  }

  @Test
  void valuesPastARegisterSaturateAsOnAProbe() {
    // water above the well head (artesian): depth −0.2 m would not fit a uint16
    ProbeSample s = new ProbeSample(Instant.EPOCH, 110.2, -0.2, 10.0, 120);

    assertThat(map.inputRegisters(s)[2]).isZero();
    assertThat(map.inputRegisters(s)[4]).isEqualTo(1200);
  }
}
