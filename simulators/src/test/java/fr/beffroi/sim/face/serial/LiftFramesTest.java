package fr.beffroi.sim.face.serial;

import static org.assertj.core.api.Assertions.assertThat;

import fr.beffroi.sim.model.waste.LiftStatus;
import fr.beffroi.sim.model.waste.SimulatedLift;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.OptionalDouble;
import java.util.OptionalLong;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The reader's frames and the GPS sentences, byte for byte. */
class LiftFramesTest {

  private static final long TAG = (250L << 38) | 4_000_123_456L;

  private static SimulatedLift lift(LiftStatus status, OptionalLong tag, boolean weighed) {
    return new SimulatedLift(Instant.parse("2026-06-02T05:30:00Z"), 1, "RIGHT", tag, status, "OMR",
        weighed ? OptionalDouble.of(31.5) : OptionalDouble.empty(), weighed ? OptionalDouble.of(12) : OptionalDouble.empty(),
        false, 1, 49.4, 2.1);
  }

  @Test
  void theProfilesExampleFrame() {
    String payload = LiftFrames.payload(lift(LiftStatus.OK, OptionalLong.of(TAG), true), TagForm.DECIMAL);
    assertThat(payload).isEqualTo("R;250004000123456;O;31.5;12.0;S;OMR");
    assertThat(new String(LiftFrames.frame(payload), StandardCharsets.US_ASCII))
        .isEqualTo("\u0002R;250004000123456;O;31.5;12.0;S;OMR2E\r\n\u0003");
    assertThat(LiftFrames.payload(lift(LiftStatus.NO_TAG, OptionalLong.empty(), false), TagForm.DECIMAL))
        .isEqualTo("R;;N;;;;OMR");
  }

  @Test
  void tagForms() {
    assertThat(TagForm.DECIMAL.render(TAG)).isEqualTo("250004000123456");
    assertThat(TagForm.DOT_HEX.render(TAG)).isEqualTo("0FA.00EE6D0A40");
    assertThat(TagForm.HEX_MSB.render(TAG)).isEqualTo("00003E80EE6D0A40");
    assertThat(TagForm.HEX_REVERSED.render(TAG)).isEqualTo("0250B677017C0000");
  }

  @Test
  void spoiledFrames() {
    byte[] frame = LiftFrames.frame("R;250004000123456;O;31.5;12.0;S;OMR");
    Random r = new Random(1);
    assertThat(new String(LiftFrames.corrupt(frame, LiftFrames.Spoil.CHECKSUM, r), StandardCharsets.US_ASCII))
        .isEqualTo("\u0002R;250004000123456;O;31.5;12.0;S;OMR20\r\n\u0003");
    byte[] noEtx = LiftFrames.corrupt(frame, LiftFrames.Spoil.NO_ETX, r);
    assertThat(noEtx).hasSize(frame.length - 1);
    byte[] noisy = LiftFrames.corrupt(frame, LiftFrames.Spoil.NOISE, r);
    assertThat(noisy.length).isGreaterThan(frame.length);
    for (int i = 0; i < noisy.length - frame.length; i++) {
      assertThat(noisy[i]).isNotIn(LiftFrames.STX, LiftFrames.ETX);
    }
  }

  @Test
  void nmeaSentencesCarryTheirChecksum() {
    assertThat(NmeaSentences.sentence("GPGGA,123519,4807.038,N,01131.000,E,1,08,0.9,545.4,M,46.9,M,,"))
        .isEqualTo("$GPGGA,123519,4807.038,N,01131.000,E,1,08,0.9,545.4,M,46.9,M,,*47\r\n");
    Instant t = Instant.parse("2026-06-02T05:30:00.25Z");
    assertThat(NmeaSentences.rmc(t, 49.4012345, 2.1012345, 18.52, 270))
        .startsWith("$GPRMC,053000.25,A,4924.07407,N,00206.07407,E,10.0,270.0,020626,,,A*");
    assertThat(NmeaSentences.gga(t, -0.9999999999, -179.99999999, 9, 0.9, 95))
        .startsWith("$GPGGA,053000.25,0100.00000,S,18000.00000,W,1,09,0.9,95.0,M,");
  }
}
