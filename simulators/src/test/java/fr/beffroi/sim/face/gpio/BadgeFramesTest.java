package fr.beffroi.sim.face.gpio;

import org.junit.jupiter.api.Test;

import java.util.HexFormat;

import static org.assertj.core.api.Assertions.assertThat;

/** The simulator writes the same bytes as the golden frames the door driver decodes. */
class BadgeFramesTest {

    @Test
    void encodesTheReaderFrameWithItsXorChecksum() {
        assertThat(HexFormat.ofDelimiter(" ").withUpperCase().formatHex(BadgeFrames.encode("0a1b2c3d4e")))
                .isEqualTo("02 30 41 31 42 32 43 33 44 34 45 34 45 0D 0A 03");
        assertThat(HexFormat.ofDelimiter(" ").withUpperCase().formatHex(BadgeFrames.encode("04A2B3C4")))
                .isEqualTo("02 30 34 41 32 42 33 43 34 44 31 0D 0A 03");
    }
}
