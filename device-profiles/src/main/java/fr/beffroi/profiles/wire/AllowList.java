package fr.beffroi.profiles.wire;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * The badges a gateway's doors may let in, sent down by the cloud from the bookings so that doors
 * decide locally and keep working when the village's internet is down. Each list replaces the
 * previous one whole (the latest {@code version} wins), so a cancelled booking disappears.
 *
 * @param tenant     the commune
 * @param gateway    the gateway whose doors it is for
 * @param version    increases with each list the cloud makes for this gateway; an older one is ignored
 * @param issuedAt   when the cloud made it
 * @param validUntil the horizon: nothing in the list is valid past it, and a gateway that got no newer
 *                   list by then lets nobody in by badge (a bounded offline validity)
 * @param entries    the grants
 */
public record AllowList(String tenant, String gateway, long version, Instant issuedAt, Instant validUntil,
                        List<Entry> entries) {
    public AllowList {
        Objects.requireNonNull(tenant, "tenant");
        Objects.requireNonNull(gateway, "gateway");
        Objects.requireNonNull(issuedAt, "issuedAt");
        Objects.requireNonNull(validUntil, "validUntil");
        entries = List.copyOf(entries);
    }

    /**
     * One booking's grant on one door.
     *
     * @param door      the door device id
     * @param badge     the holder's badge id (upper-case hex) or code, as the reader gives it
     * @param bookingId the booking it comes from (for the access log)
     * @param from      the booked slot's start; the gateway lets the badge in from 15 minutes before
     * @param until     the slot's end
     */
    public record Entry(String door, String badge, String bookingId, Instant from, Instant until) {
        public Entry {
            Objects.requireNonNull(door, "door");
            Objects.requireNonNull(badge, "badge");
            Objects.requireNonNull(bookingId, "bookingId");
            Objects.requireNonNull(from, "from");
            Objects.requireNonNull(until, "until");
        }
    }
}
