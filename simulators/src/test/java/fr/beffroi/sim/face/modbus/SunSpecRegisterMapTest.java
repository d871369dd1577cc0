package fr.beffroi.sim.face.modbus;

import static org.assertj.core.api.Assertions.assertThat;

import fr.beffroi.sim.model.pv.DcInput;
import fr.beffroi.sim.model.pv.Evt1;
import fr.beffroi.sim.model.pv.InverterSnapshot;
import fr.beffroi.sim.model.pv.OperatingState;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Golden words: a known snapshot and the registers a SunSpec reader must find. */
class SunSpecRegisterMapTest {

  private static final InverterSnapshot PRODUCING = new InverterSnapshot(
      Instant.parse("2026-06-21T11:30:00Z"), 30_512.4, 612.34, 50.013, 123_456_789.9,
      OperatingState.MPPT, 0);

  private final SunSpecRegisterMap current = new SunSpecRegisterMap(1, "BFR-1", 66, 32_727);
  private final SunSpecRegisterMap legacy = new SunSpecRegisterMap(1, "BFR-1", 65, 32_727);

  @Test
  void startsWithTheSunSMarkerAndTheCommonModel() {
    int[] w = current.encode(PRODUCING);

    assertThat(w[0]).isEqualTo(0x5375);
    assertThat(w[1]).isEqualTo(0x6E53);
    assertThat(w[2]).isEqualTo(1);
    assertThat(w[3]).isEqualTo(66);
    assertThat(w[4]).isEqualTo(('B' << 8) | 'e'); // Mn "Beffroi" at offset 2
    assertThat(w[7]).isEqualTo('i' << 8);
    assertThat(w[8]).isZero();
    assertThat(w[20]).isEqualTo(('S' << 8) | 'I'); // Md "SIM-36K" at offset 18
    assertThat(w[44]).isEqualTo(('0' << 8) | '.'); // Vr "0.1.0" at offset 42
    assertThat(w[52]).isEqualTo(('B' << 8) | 'F'); // SN at offset 50
    assertThat(w[68]).isEqualTo(1); // DA at offset 66
    assertThat(w[69]).isEqualTo(0x8000); // Pad
  }

  @Test
  void encodesModel103PointsWithTheirScaleFactors() {
    int[] w = current.encode(PRODUCING);
    int m = current.inverterModelAddress() - SunSpecRegisterMap.BASE_ADDRESS;

    assertThat(m).isEqualTo(70);
    assertThat(w[m]).isEqualTo(103);
    assertThat(w[m + 1]).isEqualTo(50);
    assertThat(w[m + 14]).isEqualTo(30_512); // W, W_SF 0
    assertThat(w[m + 15]).isZero();
    assertThat(w[m + 16]).isEqualTo(5001); // Hz, Hz_SF −2
    assertThat(w[m + 17]).isEqualTo(0xFFFE);
    assertThat((w[m + 24] << 16) | w[m + 25]).isEqualTo(123_456_789); // WH acc32, floored
    assertThat(w[m + 26]).isZero();
    assertThat(w[m + 29]).isEqualTo(6123); // DCV, DCV_SF −1
    assertThat(w[m + 30]).isEqualTo(0xFFFF);
    assertThat(w[m + 38]).isEqualTo(4);
    assertThat(w[m + 40]).isZero();
    assertThat(w[m + 41]).isZero();
  }

  @Test
  void pointsNotSimulatedCarryTheNotImplementedValueOfTheirType() {
    int[] w = current.encode(PRODUCING);
    int m = current.inverterModelAddress() - SunSpecRegisterMap.BASE_ADDRESS;

    assertThat(w[m + 2]).as("A uint16").isEqualTo(0xFFFF);
    assertThat(w[m + 6]).as("A_SF").isEqualTo(0x8000);
    assertThat(w[m + 18]).as("VA int16").isEqualTo(0x8000);
    assertThat(w[m + 33]).as("TmpCab int16").isEqualTo(0x8000);
    assertThat(w[m + 42]).as("Evt2 bitfield32").isEqualTo(0xFFFF);
  }

  @Test
  void faultSetsStateSevenAndTheGroundFaultBit() {
    InverterSnapshot fault = new InverterSnapshot(PRODUCING.at(), 0, 700, 50, 10,
        OperatingState.FAULT, Evt1.GROUND_FAULT);
    int[] w = current.encode(fault);
    int m = current.inverterModelAddress() - SunSpecRegisterMap.BASE_ADDRESS;

    assertThat(w[m + 14]).isZero();
    assertThat(w[m + 38]).isEqualTo(7);
    assertThat((w[m + 40] << 16) | w[m + 41]).isEqualTo(Evt1.GROUND_FAULT);
  }

  @Test
  void legacyCommonModelShiftsEverythingAfterItByOne() {
    int[] w = legacy.encode(PRODUCING);

    assertThat(w[3]).isEqualTo(65);
    assertThat(legacy.inverterModelAddress()).isEqualTo(40_069);
    assertThat(w[69]).isEqualTo(103);
    assertThat(w[w.length - 2]).isEqualTo(0xFFFF);
    assertThat(w[w.length - 1]).isZero();
    assertThat(legacy.size()).isEqualTo(current.size() - 1);
  }

  @Test
  void powerScaleFactorGrowsSoTheRatingFitsAnInt16() {
    assertThat(new SunSpecRegisterMap(1, "x", 66, 32_727).powerScale()).isZero();
    assertThat(new SunSpecRegisterMap(1, "x", 66, 90_000).powerScale()).isEqualTo(1);
  }

  @Test
  void withTheMpptExtensionServesModel160AfterModel103WithOneModulePerDcInput() {
    InverterSnapshot snapshot = new InverterSnapshot(
        PRODUCING.at(), 30_512.4, 612.34, 50.013, 123_456_789.9, OperatingState.MPPT, 0,
        List.of(new DcInput("PV1 est", 17_300.4, 624.6, 70_000_000.4),
            new DcInput("PV2 ouest", 14_155.0, 594.0, 57_272_727.7)));
    SunSpecRegisterMap mppt = new SunSpecRegisterMap(1, "BFR-1", 66, 32_727, true);

    int[] w = mppt.encode(snapshot);
    int m = mppt.mpptModelAddress() - SunSpecRegisterMap.BASE_ADDRESS;

    assertThat(m).isEqualTo(70 + 52);
    assertThat(mppt.size()).isEqualTo(current.size() + 50);
    assertThat(w[m]).isEqualTo(160);
    assertThat(w[m + 1]).isEqualTo(48); // 8 + 2 modules × 20
    assertThat(w[m + 2]).isEqualTo(0xFFFE); // DCA_SF −2
    assertThat(w[m + 3]).isEqualTo(0xFFFF); // DCV_SF −1
    assertThat(w[m + 4]).isZero(); // DCW_SF 0
    assertThat(w[m + 5]).isZero(); // DCWH_SF 0
    assertThat(w[m + 8]).isEqualTo(2); // N
    int b2 = m + 10 + 20;
    assertThat(w[m + 10]).isEqualTo(1); // module 1 ID
    assertThat(w[m + 11]).isEqualTo(('P' << 8) | 'V'); // IDStr "PV1 est"
    assertThat(w[m + 10 + 9]).isEqualTo(2770); // DCA 17300.4 / 624.6 = 27.70 A
    assertThat(w[m + 10 + 10]).isEqualTo(6246); // DCV
    assertThat(w[m + 10 + 11]).isEqualTo(17_300); // DCW
    assertThat((w[m + 10 + 12] << 16) | w[m + 10 + 13]).isEqualTo(70_000_000); // DCWH acc32
    long tms = Instant.parse("2026-06-21T11:30:00Z").getEpochSecond() - 946_684_800L;
    assertThat(((long) w[m + 10 + 14] << 16) | w[m + 10 + 15]).isEqualTo(tms);
    assertThat(w[m + 10 + 16]).isEqualTo(0x8000); // Tmp not implemented
    assertThat(w[m + 10 + 17]).isEqualTo(4); // DCSt MPPT
    assertThat(w[b2]).isEqualTo(2);
    assertThat(w[b2 + 10]).isEqualTo(5940);
    assertThat(w[b2 + 11]).isEqualTo(14_155);
    int end = m + 2 + 48;
    assertThat(w[end]).isEqualTo(0xFFFF);
    assertThat(w[end + 1]).isZero();
  }

  @Test
  void withoutTheExtensionTheMapEndsAfterModel103() {
    int[] w = current.encode(PRODUCING);
    int end = current.inverterModelAddress() - SunSpecRegisterMap.BASE_ADDRESS + 52;

    assertThat(w[end]).isEqualTo(0xFFFF);
    assertThat(w).hasSize(end + 2);
  }
}
