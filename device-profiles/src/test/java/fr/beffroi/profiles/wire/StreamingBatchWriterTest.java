package fr.beffroi.profiles.wire;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

/** Moved from the edge's BatchJsonTest: the fast writer must give data binding's exact bytes. */
class StreamingBatchWriterTest {
    @Test
    void writesTheBytesDataBindingWrites() throws Exception {
        Instant base = Instant.parse("2026-06-21T10:00:00Z");
        List<Reading> readings = new ArrayList<>();
        double[] values = {0, -0.0, 1200, 1.5e-7, -3.25e7, Double.MAX_VALUE, Double.NaN, Double.POSITIVE_INFINITY};
        for (int i = 0; i < values.length; i++) {
            // Every other one an event, its attributes needing escapes too.
            Map<String, String> attrs = i % 2 == 0 ? Map.of()
                    : new LinkedHashMap<>(Map.of("tag", "0003E71CBE991A1" + i));
            if (i % 2 == 1) attrs.put("note \"" + i + "\"", "côté\tgauche\u0001\\");
            readings.add(new Reading(i + 1, "inv \"" + i + "\"\t°C\u0001", "W", base.plusNanos(i * 123_457L), values[i],
                    "W.h", Quality.values()[i % Quality.values().length], attrs));
        }
        ReadingBatch batch = new ReadingBatch("liancourt", "gw-1", 1, 20, base.plusMillis(5), readings);
        ReadingBatch unnamed = new ReadingBatch(null, null, 1, 1, null, readings.subList(0, 1));

        assertThat(new String(StreamingBatchWriter.write(batch), UTF_8))
                .isEqualTo(new String(WireCodec.MAPPER.writeValueAsBytes(batch), UTF_8));
        assertThat(StreamingBatchWriter.write(unnamed)).isEqualTo(WireCodec.MAPPER.writeValueAsBytes(unnamed));
        assertThat(WireCodec.decodeBatch(StreamingBatchWriter.write(batch)).readings()).hasSize(values.length);
        assertThat(new String(StreamingBatchWriter.write(batch), UTF_8)).contains("\"attrs\":{\"tag\":\"0003E71CBE991A11\"");
    }

    @Test
    void wireCodecEncodesBatchesWithIt() throws Exception {
        ReadingBatch batch = new ReadingBatch("liancourt", "gw-1", 1, 1, Instant.parse("2026-06-21T10:00:00.5Z"),
                List.of(new Reading(1, "pv-1", "W", Instant.parse("2026-06-21T10:00:00Z"), 1200, "W", Quality.GOOD)));

        assertThat(WireCodec.encode(batch)).isEqualTo(StreamingBatchWriter.write(batch))
                .isEqualTo(WireCodec.MAPPER.writeValueAsBytes(batch));
    }
}
