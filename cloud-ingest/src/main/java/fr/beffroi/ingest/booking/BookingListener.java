package fr.beffroi.ingest.booking;

/**
 * Told of every committed booking change: the cloud rules (heating) and the allow-lists (doors).
 * Called on a worker thread after the change is stored; must not block.
 */
public interface BookingListener {
    /** Made or rescheduled (same id). */
    void booked(BookingRecord booking);

    /** Cancelled; {@code booking} is its last state. */
    void cancelled(BookingRecord booking);
}
