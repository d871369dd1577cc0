package fr.beffroi.profiles.wire;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Readings a gateway sends in one message. The batch covers the sequence range
 * {@code [seqFrom, seqTo]}: every reading in it has a sequence number in that range, in strictly
 * increasing order. The range may hold gaps (sequence numbers the gateway dead-lettered locally);
 * an acknowledgement of the range covers them too.
 *
 * @param tenant  the commune the gateway belongs to
 * @param gateway the sending gateway's id
 * @param seqFrom first sequence number the batch covers
 * @param seqTo   last sequence number the batch covers
 * @param sentAt  when the gateway built the batch (for latency metrics only)
 */
public record ReadingBatch(String tenant, String gateway, long seqFrom, long seqTo, Instant sentAt,
                           List<Reading> readings) {
    public ReadingBatch {
        readings = List.copyOf(Objects.requireNonNull(readings, "readings"));
    }

    /**
     * Every way this batch breaks the contract, each naming the field at fault; empty when valid.
     * Checked by the cloud before anything is stored, so that a bad batch is refused whole.
     */
    public List<String> problems() {
        List<String> problems = new ArrayList<>();
        if (tenant == null || tenant.isBlank()) problems.add("tenant: missing");
        if (gateway == null || gateway.isBlank()) problems.add("gateway: missing");
        if (seqFrom < 0) problems.add("seqFrom: must be >= 0, was " + seqFrom);
        if (seqTo < seqFrom) problems.add("seqTo: must be >= seqFrom (" + seqFrom + "), was " + seqTo);
        if (readings.isEmpty()) problems.add("readings: empty");
        long previous = Long.MIN_VALUE;
        for (int i = 0; i < readings.size(); i++) {
            Reading r = readings.get(i);
            boolean inRange = r.seq() >= seqFrom && r.seq() <= seqTo;
            // The common case builds no strings: this runs for every reading the cloud receives.
            if (inRange && r.seq() > previous && !r.device().isBlank() && !r.point().isBlank()
                    && Double.isFinite(r.value())) {
                previous = r.seq();
                continue;
            }
            String at = "readings[" + i + "]";
            if (!inRange) {
                problems.add(at + ".seq: " + r.seq() + " outside [" + seqFrom + ", " + seqTo + "]");
            }
            if (r.seq() <= previous) problems.add(at + ".seq: " + r.seq() + " not after " + previous);
            previous = r.seq();
            if (r.device().isBlank()) problems.add(at + ".device: blank");
            if (r.point().isBlank()) problems.add(at + ".point: blank");
            if (!Double.isFinite(r.value())) problems.add(at + ".value: not a finite number");
            if (problems.size() >= 20) {
                problems.add("... further problems not listed");
                break;
            }
        }
        return problems;
    }
}
