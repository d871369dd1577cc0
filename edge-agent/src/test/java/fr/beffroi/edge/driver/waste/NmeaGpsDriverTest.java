package fr.beffroi.edge.driver.waste;

import fr.beffroi.edge.driver.CorruptFrame;
import fr.beffroi.profiles.load.ProfileLoader;
import fr.beffroi.profiles.model.DeviceProfile;
import fr.beffroi.profiles.wire.Reading;
import fr.beffroi.sim.time.LeapClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** The GPS driver fed golden NMEA sentences directly (its port idles). */
class NmeaGpsDriverTest {

    private final LeapClock clock = LeapClock.at(Instant.parse("2026-06-02T05:30:00Z"));
    private final List<CorruptFrame> corrupt = new ArrayList<>();
    private final List<String> golden = Golden.lines("/waste/nmea-golden.txt");
    private NmeaGpsDriver driver;

    @BeforeEach
    void open() {
        driver = new NmeaGpsDriver("gps-bom12", "/dev/ttyACM0", IdleLink::new, Duration.ofMillis(10), corrupt::add, clock);
    }

    @AfterEach
    void close() {
        driver.close();
    }

    private void feed(String text) {
        byte[] b = text.getBytes(StandardCharsets.US_ASCII);
        driver.receive(b, b.length);
    }

    private Map<String, Double> poll() throws Exception {
        Map<String, Double> out = new LinkedHashMap<>();
        for (Reading r : driver.poll()) {
            out.put(r.point(), r.value());
        }
        return out;
    }

    @Test
    void rmcAndGgaMakeOneFixWithEverySignalOfTheProfile() throws Exception {
        assertThat(poll()).containsExactly(Map.entry("fix", 0.0));

        feed(golden.get(0) + "\r\n");
        Map<String, Double> afterRmc = poll();
        assertThat(afterRmc.get("lat")).isCloseTo(48.1173, within(1e-6));
        assertThat(afterRmc.get("lon")).isCloseTo(11.516667, within(1e-6));
        assertThat(afterRmc.get("speed")).isCloseTo(22.4 * 1.852, within(1e-9));
        assertThat(afterRmc.get("course")).isEqualTo(84.4);
        assertThat(afterRmc).doesNotContainKey("hdop");

        clock.leap(Duration.ofSeconds(1));
        feed(golden.get(1) + "\r\n" + golden.get(2) + "\r\n");
        List<Reading> readings = driver.poll();
        Map<String, Double> both = poll();
        assertThat(both).containsEntry("fix", 1.0).containsEntry("hdop", 0.9).containsEntry("sats", 8.0)
                .containsEntry("alt", 545.4).containsEntry("course", 84.4);
        assertThat(readings).allSatisfy(r -> assertThat(r.ts()).isEqualTo(clock.instant()));
        DeviceProfile profile = new ProfileLoader().load("waste", "nmea-gps");
        assertThat(readings).allSatisfy(r -> assertThat(profile.signal(r.point()).orElseThrow().unit()).isEqualTo(r.unit()));
        assertThat(driver.ignoredSentences()).isEqualTo(1);
        assertThat(corrupt).isEmpty();
    }

    @Test
    void anOiseFixIsDgpsThenAVoidRmcOrAQualityZeroGgaClearsIt() throws Exception {
        feed(golden.get(3) + "\r\n" + golden.get(4) + "\r\n");
        assertThat(driver.latest()).hasValueSatisfying(f -> {
            assertThat(f.lat()).isCloseTo(49.401233, within(1e-6));
            assertThat(f.lon()).isCloseTo(2.101233, within(1e-6));
            assertThat(f.quality()).isEqualTo(2);
            assertThat(f.hdop()).hasValue(0.8);
            assertThat(f.speedKmh().getAsDouble()).isCloseTo(10.8 * 1.852, within(1e-9));
        });

        feed(golden.get(5) + "\r\n");
        assertThat(driver.latest()).isEmpty();
        assertThat(poll()).containsExactly(Map.entry("fix", 0.0));

        feed(golden.get(7) + "\r\n");
        assertThat(driver.latest()).hasValueSatisfying(f -> {
            assertThat(f.lat()).as("south").isNegative();
            assertThat(f.lon()).as("west").isNegative();
        });
        feed(golden.get(6) + "\r\n");
        assertThat(driver.latest()).isEmpty();
    }

    @Test
    void corruptSentencesGoToTheSinkWithTheirReasonAndTheNextOneStillCounts() throws Exception {
        feed("$GPRMC,123519,A,4807.038,N,01131.000,E,022.4,084.4,230394,003.1,W*6B\r\n"); // checksum
        feed("$GPGGA,123519,4807.038,N,01131.000,E,1,08,0.9,545.4,M,46.9"); // ends without its checksum: see the next line
        feed("xx\r\n"); // the cut sentence ends without its checksum
        feed("\r\n");
        feed("junk$GPRMC,053002.00,X,4924.074,N,00206.074,E,,,020626,,*21\r\n"); // status X
        feed("$" + "A".repeat(90) + "\r\n"); // over-long
        feed("$GPGGA,123519,4807.038,N,01131.000,E,1,08,0.9,545.4,M,46.9,M,,\r\n"); // no checksum
        feed(golden.get(1) + "\r\n");

        assertThat(corrupt).extracting(CorruptFrame::reason).containsExactly(
                "checksum '6B', computed 6A",
                "no '*HH' checksum before CR LF",
                "4 bytes of garbage between sentences",
                "RMC status 'X' is not A or V",
                "over-long sentence: no CR LF within 82 bytes",
                "8 bytes of garbage between sentences",
                "no '*HH' checksum before CR LF");
        assertThat(driver.corruptSentences()).isEqualTo(7);
        assertThat(driver.latest()).isPresent();
    }
}
