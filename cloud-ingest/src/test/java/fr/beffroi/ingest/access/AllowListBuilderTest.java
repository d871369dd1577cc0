package fr.beffroi.ingest.access;

import fr.beffroi.ingest.app.IngestConfig;
import fr.beffroi.ingest.booking.BookingRecord;
import fr.beffroi.profiles.wire.AllowList;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class AllowListBuilderTest {
    static final Instant NOW = Instant.parse("2026-11-25T10:00:00Z");
    static final RoomDoors ROOMS = new RoomDoors(List.of(
            new IngestConfig.RoomEntry("liancourt", "gym", List.of("door-gym-n", "door-gym-s")),
            new IngestConfig.RoomEntry("liancourt", "hall", List.of("door-hall")),
            new IngestConfig.RoomEntry("breteuil", "gym", List.of("door-b"))));

    static BookingRecord booking(String id, String tenant, String room, Instant start, Duration length, Instant cancelled) {
        return new BookingRecord(id, tenant, room, start, start.plus(length), "04A1B2C3", "user:alice", NOW, NOW,
                cancelled);
    }

    @Test
    void oneEntryPerDoorOfTheBookedRoomWithTheSlotAndTheHorizonAsValidity() {
        BookingRecord b = booking("b1", "liancourt", "gym", NOW.plus(Duration.ofHours(2)), Duration.ofHours(2), null);
        AllowList list = AllowListBuilder.build("liancourt", "gw-1", List.of("door-gym-s", "door-gym-n"), ROOMS,
                List.of(b), NOW, Duration.ofDays(7), 42);
        assertThat(list.version()).isEqualTo(42);
        assertThat(list.issuedAt()).isEqualTo(NOW);
        assertThat(list.validUntil()).isEqualTo(NOW.plus(Duration.ofDays(7)));
        assertThat(list.entries()).containsExactly(
                new AllowList.Entry("door-gym-n", "04A1B2C3", "b1", b.start(), b.end()),
                new AllowList.Entry("door-gym-s", "04A1B2C3", "b1", b.start(), b.end()));
    }

    @Test
    void cancelledEndedBeyondTheHorizonOtherRoomsAndOtherTenantsAreLeftOut() {
        List<BookingRecord> bookings = List.of(
                booking("cancelled", "liancourt", "gym", NOW.plusSeconds(3600), Duration.ofHours(1), NOW),
                booking("ended", "liancourt", "gym", NOW.minus(Duration.ofHours(3)), Duration.ofHours(2), null),
                booking("far", "liancourt", "gym", NOW.plus(Duration.ofDays(8)), Duration.ofHours(1), null),
                booking("hall", "liancourt", "hall", NOW.plusSeconds(3600), Duration.ofHours(1), null),
                booking("other", "breteuil", "gym", NOW.plusSeconds(3600), Duration.ofHours(1), null),
                booking("ongoing", "liancourt", "gym", NOW.minusSeconds(600), Duration.ofHours(1), null));
        AllowList list = AllowListBuilder.build("liancourt", "gw-1", List.of("door-gym-n"), ROOMS, bookings, NOW,
                Duration.ofDays(7), 1);
        assertThat(list.entries()).extracting(AllowList.Entry::bookingId).containsExactly("ongoing");
    }

    @Test
    void aGatewayWithoutBookingsGetsAnEmptyListThatStillSlidesItsValidity() {
        AllowList list = AllowListBuilder.build("liancourt", "gw-1", List.of("door-hall"), ROOMS, List.of(), NOW,
                Duration.ofDays(1), 7);
        assertThat(list.entries()).isEmpty();
        assertThat(list.validUntil()).isEqualTo(NOW.plus(Duration.ofDays(1)));
    }
}
