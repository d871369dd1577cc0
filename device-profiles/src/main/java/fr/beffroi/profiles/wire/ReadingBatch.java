package fr.beffroi.profiles.wire;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
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
    /** Most attributes one reading may carry. */
    public static final int MAX_ATTRS = 32;
    /** Longest attribute key, in chars. */
    public static final int MAX_ATTR_KEY = 64;
    /** Longest attribute value, in chars. */
    public static final int MAX_ATTR_VALUE = 1024;

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
                    && Double.isFinite(r.value()) && (r.attrs().isEmpty() || attrsValid(r.attrs()))) {
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
            if (!r.attrs().isEmpty()) attrProblems(at + ".attrs", r.attrs(), problems);
            if (problems.size() >= 20) {
                problems.add("... further problems not listed");
                break;
            }
        }
        return problems;
    }

    private static boolean attrsValid(Map<String, String> attrs) {
        if (attrs.size() > MAX_ATTRS) return false;
        for (Map.Entry<String, String> e : attrs.entrySet()) {
            if (!keyValid(e.getKey()) || !valueValid(e.getValue())) return false;
        }
        return true;
    }

    private static void attrProblems(String at, Map<String, String> attrs, List<String> problems) {
        if (attrs.size() > MAX_ATTRS) problems.add(at + ": " + attrs.size() + " attributes, at most " + MAX_ATTRS);
        for (Map.Entry<String, String> e : attrs.entrySet()) {
            String key = e.getKey();
            if (key.isBlank()) problems.add(at + ": blank key");
            else if (key.length() > MAX_ATTR_KEY) {
                problems.add(at + ": key longer than " + MAX_ATTR_KEY + " characters: " + key.substring(0, MAX_ATTR_KEY) + "...");
            } else if (key.indexOf('\0') >= 0) problems.add(at + ": key holds a NUL character");
            if (!valueValid(e.getValue())) {
                problems.add(at + "." + (key.length() > MAX_ATTR_KEY ? key.substring(0, MAX_ATTR_KEY) + "..." : key)
                        + ": longer than " + MAX_ATTR_VALUE + " characters or holds a NUL character");
            }
        }
    }

    // NUL: PostgreSQL's jsonb (where the cloud keeps attributes) cannot hold U+0000; refusing the
    // batch names the fault, where a failing COPY would retry it for ever.
    private static boolean keyValid(String key) {
        return !key.isBlank() && key.length() <= MAX_ATTR_KEY && key.indexOf('\0') < 0;
    }

    private static boolean valueValid(String value) {
        return value.length() <= MAX_ATTR_VALUE && value.indexOf('\0') < 0;
    }
}
