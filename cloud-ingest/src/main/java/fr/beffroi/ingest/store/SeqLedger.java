package fr.beffroi.ingest.store;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The committed sequence ranges of one gateway, held in memory for one write transaction: says
 * which readings are already stored, and coalesces each newly committed range with its neighbours
 * so that the ledger table stays small. Not thread-safe; one transaction owns it.
 */
public final class SeqLedger {
    private final TreeMap<Long, Long> ranges = new TreeMap<>();

    public SeqLedger(List<SeqRange> existing) {
        for (SeqRange r : existing) record(r);
    }

    public boolean covers(long seq) {
        Map.Entry<Long, Long> e = ranges.floorEntry(seq);
        return e != null && e.getValue() >= seq;
    }

    /** Adds a committed range, merging every range it overlaps or touches. */
    public void record(SeqRange range) {
        long from = range.from();
        long to = range.to();
        Map.Entry<Long, Long> before = ranges.floorEntry(from);
        if (before != null && before.getValue() >= SeqRange.saturatedDec(from)) {
            from = before.getKey();
            to = Math.max(to, before.getValue());
            ranges.remove(before.getKey());
        }
        Map.Entry<Long, Long> next = ranges.ceilingEntry(from);
        while (next != null && next.getKey() <= SeqRange.saturatedInc(to)) {
            to = Math.max(to, next.getValue());
            ranges.remove(next.getKey());
            next = ranges.ceilingEntry(from);
        }
        ranges.put(from, to);
    }

    public List<SeqRange> ranges() {
        List<SeqRange> out = new ArrayList<>(ranges.size());
        ranges.forEach((f, t) -> out.add(new SeqRange(f, t)));
        return out;
    }
}
