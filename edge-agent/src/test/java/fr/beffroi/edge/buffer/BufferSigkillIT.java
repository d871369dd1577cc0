package fr.beffroi.edge.buffer;

import fr.beffroi.edge.testing.Readings;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Durability: a process appending readings is killed with SIGKILL mid-stream; every seq it saw
 * committed is still in the file, and the next seq continues above all of them.
 */
class BufferSigkillIT {
    @TempDir
    Path dir;

    @Test
    void everyCommittedReadingSurvivesSigkillAndSeqsContinueAbove() throws Exception {
        Path file = dir.resolve("buffer.db");
        Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), BufferWriterMain.class.getName(), file.toString())
                .redirectError(ProcessBuilder.Redirect.DISCARD)
                .start();
        List<Long> committed = new ArrayList<>();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = out.readLine()) != null) {
                committed.add(Long.parseLong(line.strip()));
                if (committed.size() >= 300) break;
            }
            child.destroyForcibly(); // SIGKILL on Linux
            assertThat(child.waitFor(10, TimeUnit.SECONDS)).isTrue();
        }
        assertThat(committed).hasSizeGreaterThanOrEqualTo(300);

        try (ReadingBuffer reopened = ReadingBuffer.open(file, 10_000_000, WhenFull.REFUSE_NEW, Clock.systemUTC(),
                new PrometheusRegistry())) {
            long last = committed.get(committed.size() - 1);
            List<Long> stored = reopened.peek(0, Integer.MAX_VALUE).stream().map(r -> r.seq()).toList();
            assertThat(stored).containsAll(committed);
            assertThat(reopened.highestSeq()).isGreaterThanOrEqualTo(last);
            long next = reopened.append(Readings.of("inv1", 1, Instant.now())).seqs().get(0);
            assertThat(next).isGreaterThan(last);
        }
    }
}
