package fr.beffroi.ingest.access;

import fr.beffroi.ingest.booking.BookingRecord;
import fr.beffroi.profiles.wire.AllowList;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;

/** Builds one gateway's allow-list from its doors and the bookings of their rooms. Pure. */
public final class AllowListBuilder {
    private AllowListBuilder() {
    }

    /**
     * One entry per (door of the gateway, standing booking of that door's room overlapping {@code
     * [now, now + horizon)}), from = slot start, until = slot end; {@code validUntil = now + horizon}.
     * Cancelled bookings, bookings of other tenants and ended ones are left out. Entries are
     * sorted by start, door, booking id, so that equal inputs give equal lists.
     *
     * @param doors    the gateway's doors (door ids of the tenant's {@code rooms:})
     * @param rooms    which room each door opens
     * @param bookings candidate bookings (any room; filtered here)
     */
    public static AllowList build(String tenant, String gateway, Collection<String> doors, RoomDoors rooms,
                                  Collection<BookingRecord> bookings, Instant now, Duration horizon, long version) {
        Instant validUntil = now.plus(horizon);
        List<AllowList.Entry> entries = new ArrayList<>();
        for (String door : doors) {
            String room = rooms.room(tenant, door);
            if (room == null) continue;
            for (BookingRecord b : bookings) {
                if (!b.tenant().equals(tenant) || !b.room().equals(room) || b.cancelled()) continue;
                if (!b.end().isAfter(now) || !b.start().isBefore(validUntil)) continue;
                entries.add(new AllowList.Entry(door, b.badge(), b.id(), b.start(), b.end()));
            }
        }
        entries.sort(Comparator.comparing(AllowList.Entry::from).thenComparing(AllowList.Entry::door)
                .thenComparing(AllowList.Entry::bookingId));
        return new AllowList(tenant, gateway, version, now, validUntil, entries);
    }
}
