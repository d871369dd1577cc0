package fr.beffroi.edge.buffer;

import fr.beffroi.edge.testing.Readings;
import io.prometheus.metrics.model.registry.PrometheusRegistry;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;

/**
 * Run as a child process by {@link BufferSigkillIT}: appends readings forever and prints each
 * assigned seq only after append returned, i.e. after the commit. The test SIGKILLs it.
 */
public final class BufferWriterMain {
    private BufferWriterMain() {
    }

    public static void main(String[] args) {
        ReadingBuffer buffer = ReadingBuffer.open(Path.of(args[0]), 10_000_000, WhenFull.REFUSE_NEW, Clock.systemUTC(),
                new PrometheusRegistry());
        while (true) {
            for (long seq : buffer.append(Readings.of("inv1", 3, Instant.now())).seqs()) {
                System.out.println(seq);
            }
            System.out.flush();
        }
    }
}
