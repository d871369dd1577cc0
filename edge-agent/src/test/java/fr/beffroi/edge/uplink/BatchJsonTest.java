package fr.beffroi.edge.uplink;

import fr.beffroi.profiles.wire.Quality;
import fr.beffroi.profiles.wire.Reading;
import fr.beffroi.profiles.wire.ReadingBatch;
import fr.beffroi.profiles.wire.WireCodec;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class BatchJsonTest {
    @Test
    void writesTheBytesWireCodecWrites() throws Exception {
        Instant base = Instant.parse("2026-06-21T10:00:00Z");
        List<Reading> readings = new ArrayList<>();
        double[] values = {0, -0.0, 1200, 1.5e-7, -3.25e7, Double.MAX_VALUE, Double.NaN, Double.POSITIVE_INFINITY};
        for (int i = 0; i < values.length; i++) {
            readings.add(new Reading(i + 1, "inv \"" + i + "\"\t°C\u0001", "W", base.plusNanos(i * 123_457L), values[i],
                    "W.h", Quality.values()[i % Quality.values().length]));
        }
        ReadingBatch batch = new ReadingBatch("liancourt", "gw-1", 1, 20, base.plusMillis(5), readings);
        ReadingBatch unnamed = new ReadingBatch(null, null, 1, 1, null, readings.subList(0, 1));

        assertThat(new String(BatchJson.encode(batch), "UTF-8")).isEqualTo(new String(WireCodec.encode(batch), "UTF-8"));
        assertThat(BatchJson.encode(unnamed)).isEqualTo(WireCodec.encode(unnamed));
        assertThat(WireCodec.decodeBatch(BatchJson.encode(batch)).readings())
                .hasSize(values.length);
    }

    @Test
    void instantsAreWrittenAsInstantToStringWritesThem() {
        Instant base = Instant.parse("2026-06-21T10:00:00Z");
        for (long nanos : new long[]{0, 1, 1_000, 10_000_000, 120_000_000, 123_456_000, 123_456_789, 999_999_999}) {
            Instant t = base.plusNanos(nanos);
            assertThat(BatchJson.iso(t)).isEqualTo(t.toString());
        }
        for (String s : List.of("+12026-01-01T00:00:00Z", "0999-12-31T23:59:59.5Z", "1000-01-01T00:00:00Z",
                "9999-12-31T23:59:59.999999999Z", "1970-01-01T00:00:00Z")) {
            assertThat(BatchJson.iso(Instant.parse(s))).isEqualTo(Instant.parse(s).toString());
        }
    }
}
