package fr.beffroi.edge.downlink;

import fr.beffroi.edge.buffer.AllowListStore;
import fr.beffroi.edge.driver.access.AllowListPolicy;
import fr.beffroi.edge.testing.MutableClock;
import fr.beffroi.profiles.wire.AllowList;
import fr.beffroi.profiles.wire.WireCodec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class AllowListDownlinkTest {
    private static final Instant FROM = Instant.parse("2027-03-06T18:00:00Z");

    @TempDir
    Path dir;

    private final MutableClock clock = MutableClock.at("2027-03-06T12:00:00Z");

    private static byte[] list(String gateway, long version, String booking) {
        return WireCodec.encode(new AllowList("liancourt", gateway, version, FROM.minusSeconds(7200),
                FROM.plusSeconds(86_400), List.of(new AllowList.Entry("gym-door", "0A1B", booking, FROM,
                FROM.plusSeconds(7200)))));
    }

    @Test
    void aListIsStoredAndRestoredAfterARestartWithNoConnection() {
        try (AllowListStore store = AllowListStore.open(dir.resolve("access.db"), clock)) {
            AllowListDownlink down = new AllowListDownlink("liancourt", "gw1", store, new AllowListPolicy());
            down.handle(list("gw1", 7, "bk-7"));
            down.close();
        }
        AllowListPolicy after = new AllowListPolicy();
        try (AllowListStore store = AllowListStore.open(dir.resolve("access.db"), clock)) {
            new AllowListDownlink("liancourt", "gw1", store, after).restore();
        }
        assertThat(after.current()).hasValueSatisfying(l -> assertThat(l.version()).isEqualTo(7));
        assertThat(after.decide("gym-door", "0A1B", FROM).reason()).contains("bk-7");
    }

    @Test
    void malformedOrForeignListsAreDeadLetteredAndTheLastGoodOneStays() {
        AllowListPolicy policy = new AllowListPolicy();
        try (AllowListStore store = AllowListStore.open(dir.resolve("access.db"), clock)) {
            AllowListDownlink down = new AllowListDownlink("liancourt", "gw1", store, policy);
            down.handle(list("gw1", 2, "bk-2"));
            down.handle("{\"tenant\":\"liancourt\"".getBytes(StandardCharsets.UTF_8));
            down.handle(list("gw-other", 9, "bk-9"));

            assertThat(store.deadLetterSize()).isEqualTo(2);
            assertThat(policy.current()).hasValueSatisfying(l -> assertThat(l.version()).isEqualTo(2));
            assertThat(store.latest()).hasValueSatisfying(l -> assertThat(l.version()).isEqualTo(2));
        }
    }

    @Test
    void anOlderVersionIsIgnoredAndNotStored() {
        AllowListPolicy policy = new AllowListPolicy();
        try (AllowListStore store = AllowListStore.open(dir.resolve("access.db"), clock)) {
            AllowListDownlink down = new AllowListDownlink("liancourt", "gw1", store, policy);
            down.handle(list("gw1", 5, "bk-5"));
            down.handle(list("gw1", 4, "bk-4"));

            assertThat(policy.decide("gym-door", "0A1B", FROM).reason()).contains("bk-5");
            assertThat(store.latest()).hasValueSatisfying(l -> assertThat(l.version()).isEqualTo(5));
            assertThat(store.deadLetterSize()).isZero();
        }
    }
}
