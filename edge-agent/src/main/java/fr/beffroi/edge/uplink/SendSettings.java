package fr.beffroi.edge.uplink;

import java.time.Duration;
import java.util.Objects;

/**
 * Limits of the send loop.
 *
 * @param batchMaxReadings   most readings in one batch
 * @param maxInFlightBatches most batches published and not yet acknowledged
 * @param ackTimeout         wait for a BatchAck before resending from the lowest unconfirmed seq
 * @param retryBackoff       wait after the broker refused or failed a publish
 */
public record SendSettings(int batchMaxReadings, int maxInFlightBatches, Duration ackTimeout, Backoff retryBackoff) {
    public SendSettings {
        if (batchMaxReadings < 1) throw new IllegalArgumentException("batchMaxReadings must be >= 1");
        if (maxInFlightBatches < 1) throw new IllegalArgumentException("maxInFlightBatches must be >= 1");
        Objects.requireNonNull(ackTimeout, "ackTimeout");
        Objects.requireNonNull(retryBackoff, "retryBackoff");
    }
}
