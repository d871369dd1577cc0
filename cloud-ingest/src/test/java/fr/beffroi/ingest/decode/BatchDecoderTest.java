package fr.beffroi.ingest.decode;

import fr.beffroi.ingest.auth.Gateway;
import fr.beffroi.profiles.wire.Quality;
import fr.beffroi.profiles.wire.Reading;
import fr.beffroi.profiles.wire.ReadingBatch;
import fr.beffroi.profiles.wire.WireCodec;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class BatchDecoderTest {
    private static final Gateway GW = new Gateway("gw-1", "liancourt");
    private static final Instant TS = Instant.parse("2026-11-25T10:00:00Z");
    private final BatchDecoder decoder = new BatchDecoder();

    private static byte[] batch(String tenant, String gateway, long from, long to, Reading... readings) {
        return WireCodec.encode(new ReadingBatch(tenant, gateway, from, to, TS, List.of(readings)));
    }

    private static Reading reading(long seq, String device, Instant ts) {
        return new Reading(seq, device, "W", ts, 1200.0, "W", Quality.GOOD);
    }

    @Test
    void aContractAbidingBatchOfTheSenderIsValid() {
        Decoded d = decoder.decode(GW, batch("liancourt", "gw-1", 1, 2, reading(1, "pv-1", TS), reading(2, "pv-1", TS)));

        assertThat(d).isInstanceOf(Decoded.Valid.class);
    }

    @Test
    void notJsonIsMalformedWithTheReason() {
        Decoded d = decoder.decode(GW, "{not json".getBytes(StandardCharsets.UTF_8));

        assertThat(d).isInstanceOfSatisfying(Decoded.Malformed.class,
                m -> assertThat(m.reason()).contains("ReadingBatch"));
        assertThat(d.readBatch()).isEmpty();
    }

    @Test
    void contractProblemsMakeItInvalidButTheRangeIsKept() {
        Decoded d = decoder.decode(GW, batch("liancourt", "gw-1", 1, 2, reading(5, "pv-1", TS)));

        assertThat(d).isInstanceOfSatisfying(Decoded.Invalid.class, i -> {
            assertThat(i.reason()).contains("readings[0].seq");
            assertThat(i.batch().seqTo()).isEqualTo(2);
        });
    }

    @Test
    void whatPostgresqlCannotStoreIsInvalid() {
        Decoded d = decoder.decode(GW, batch("liancourt", "gw-1", 1, 2, reading(1, "pv\u00001", TS),
                reading(2, "pv-1", Instant.parse("1970-01-01T00:00:00Z"))));

        assertThat(d).isInstanceOfSatisfying(Decoded.Invalid.class, i -> assertThat(i.reason())
                .contains("readings[0].device: contains NUL").contains("readings[1].ts"));
    }

    @Test
    void aBatchInAnotherGatewaysNameIsForbidden() {
        assertThat(decoder.decode(GW, batch("liancourt", "gw-2", 1, 1, reading(1, "pv-1", TS))))
                .isInstanceOf(Decoded.Forbidden.class);
        assertThat(decoder.decode(GW, batch("clermont", "gw-1", 1, 1, reading(1, "pv-1", TS))))
                .isInstanceOf(Decoded.Forbidden.class);
    }
}
