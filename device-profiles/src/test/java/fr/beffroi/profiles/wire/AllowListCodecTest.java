package fr.beffroi.profiles.wire;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AllowListCodecTest {
    @Test
    void roundTripsAndRefusesAMissingFieldNamingIt() throws Exception {
        AllowList list = new AllowList("liancourt", "gw-mairie", 7, Instant.parse("2026-11-25T10:00:00Z"),
                Instant.parse("2026-12-02T10:00:00Z"), List.of(new AllowList.Entry("porte-gymnase", "04A1B2C3D4", "b-42",
                Instant.parse("2026-11-25T18:00:00Z"), Instant.parse("2026-11-25T20:00:00Z"))));

        assertThat(WireCodec.decodeAllowList(WireCodec.encode(list))).isEqualTo(list);

        String broken = new String(WireCodec.encode(list), StandardCharsets.UTF_8).replace("\"badge\":\"04A1B2C3D4\",", "");
        assertThatThrownBy(() -> WireCodec.decodeAllowList(broken.getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(WireFormatException.class)
                .hasMessageContaining("badge");
    }
}
