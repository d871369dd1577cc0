package fr.beffroi.ingest.store;

/** An inclusive range of a gateway's sequence numbers, committed once. */
public record SeqRange(long from, long to) {
    public SeqRange {
        if (to < from) throw new IllegalArgumentException("to " + to + " < from " + from);
    }

    public boolean covers(long seq) {
        return seq >= from && seq <= to;
    }

    /** Overlapping or directly adjacent, so that the two can become one row. */
    boolean touches(SeqRange other) {
        return other.from <= saturatedInc(to) && saturatedInc(other.to) >= from;
    }

    static long saturatedInc(long v) {
        return v == Long.MAX_VALUE ? v : v + 1;
    }

    static long saturatedDec(long v) {
        return v == Long.MIN_VALUE ? v : v - 1;
    }
}
