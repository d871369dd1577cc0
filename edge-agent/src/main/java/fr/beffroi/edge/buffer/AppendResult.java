package fr.beffroi.edge.buffer;

import java.util.List;

/**
 * What {@link ReadingBuffer#append} did.
 *
 * @param seqs    sequence numbers assigned, in the order of the readings given; empty when refused
 * @param refused readings refused because the buffer was full
 */
public record AppendResult(List<Long> seqs, int refused) {
    public AppendResult {
        seqs = List.copyOf(seqs);
    }

    public int appended() {
        return seqs.size();
    }
}
