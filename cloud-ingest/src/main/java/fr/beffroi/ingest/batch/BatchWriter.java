package fr.beffroi.ingest.batch;

import fr.beffroi.profiles.wire.BatchAck;
import fr.beffroi.profiles.wire.ReadingBatch;

import java.util.List;

/** Writes batches in one transaction; the seam between grouping (here) and storage ({@code store/}). */
@FunctionalInterface
public interface BatchWriter {
    /** Returns one ack per batch, in order, once committed; throws if nothing was committed. */
    List<BatchAck> write(List<ReadingBatch> batches) throws Exception;
}
