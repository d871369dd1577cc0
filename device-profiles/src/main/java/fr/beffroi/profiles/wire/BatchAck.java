package fr.beffroi.profiles.wire;

import java.util.Objects;

/**
 * The cloud's answer to one {@link ReadingBatch}, sent only once its outcome is final: after the
 * database transaction that stored it committed, or after it was refused and dead-lettered.
 * Either way the gateway may then delete the range from its buffer (a refused batch is kept in
 * the gateway's local dead-letter store first).
 *
 * @param gateway    the gateway the batch came from
 * @param seqFrom    first sequence number covered
 * @param seqTo      last sequence number covered
 * @param status     {@link Status#COMMITTED} or {@link Status#REJECTED}
 * @param stored     readings newly stored by this batch
 * @param duplicates readings of this batch that an earlier delivery had already stored
 * @param reason     why the batch was refused; null when committed
 */
public record BatchAck(String gateway, long seqFrom, long seqTo, Status status, int stored, int duplicates,
                       String reason) {
    public enum Status { COMMITTED, REJECTED }

    public BatchAck {
        Objects.requireNonNull(gateway, "gateway");
        Objects.requireNonNull(status, "status");
    }

    public static BatchAck committed(String gateway, long seqFrom, long seqTo, int stored, int duplicates) {
        return new BatchAck(gateway, seqFrom, seqTo, Status.COMMITTED, stored, duplicates, null);
    }

    public static BatchAck rejected(String gateway, long seqFrom, long seqTo, String reason) {
        return new BatchAck(gateway, seqFrom, seqTo, Status.REJECTED, 0, 0, reason);
    }

    public boolean covers(long seq) {
        return seq >= seqFrom && seq <= seqTo;
    }
}
