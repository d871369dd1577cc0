package fr.beffroi.edge.buffer;

import fr.beffroi.edge.testing.MutableClock;
import fr.beffroi.profiles.wire.Quality;
import fr.beffroi.profiles.wire.Reading;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Event attributes through the buffer, and buffer files written before attributes existed. */
class ReadingBufferAttrsTest {
    static final Instant T0 = Instant.parse("2026-11-25T07:42:13.250Z");

    /** The DDL of buffers written before readings carried attributes, verbatim. */
    static final String OLD_READINGS = """
            CREATE TABLE IF NOT EXISTS readings (
              seq     INTEGER PRIMARY KEY AUTOINCREMENT,
              device  TEXT NOT NULL,
              point   TEXT NOT NULL,
              ts      TEXT NOT NULL,
              value   REAL,
              unit    TEXT NOT NULL,
              quality TEXT NOT NULL
            )""";
    static final String OLD_DEAD_LETTER = """
            CREATE TABLE IF NOT EXISTS dead_letter (
              seq     INTEGER PRIMARY KEY,
              device  TEXT NOT NULL,
              point   TEXT NOT NULL,
              ts      TEXT NOT NULL,
              value   REAL,
              unit    TEXT NOT NULL,
              quality TEXT NOT NULL,
              reason  TEXT NOT NULL,
              at      TEXT NOT NULL
            )""";

    @TempDir
    Path dir;
    MutableClock clock = new MutableClock(T0);

    static Map<String, String> lift() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("tag", "0003E71CBE991A14");
        m.put("status", "OK");
        m.put("side", "LEFT");
        m.put("lat", "49.3712");
        m.put("lon", "2.4125");
        m.put("stream", "OMR");
        m.put("note \"quoted\"", "tab\there, é, \\ and 🚛");
        return m;
    }

    ReadingBuffer open(Path file) {
        return ReadingBuffer.open(file, 1_000, WhenFull.REFUSE_NEW, clock, new PrometheusRegistry());
    }

    @Test
    void anEventsAttributesComeBackExactlyAndInOrderBesideAPlainSample() {
        Reading lift = new Reading(0, "truck-07-rfid", "lift", T0, 12.4, "kg", Quality.GOOD, lift());
        Reading sample = new Reading(0, "truck-07-rfid", "load", T0.plusSeconds(1), 3120.5, "kg", Quality.GOOD);
        try (ReadingBuffer buffer = open(dir.resolve("buffer.db"))) {
            buffer.append(List.of(lift, sample));

            List<Reading> back = buffer.peek(0, 10);

            assertThat(back).containsExactly(lift.withSeq(1), sample.withSeq(2));
            assertThat(back.get(0).attrs()).containsExactlyEntriesOf(lift());
            assertThat(back.get(1).attrs()).isEmpty();
        }
    }

    @Test
    void deadLettersKeepTheAttributes() {
        Reading lift = new Reading(0, "truck-07-rfid", "lift", T0, 12.4, "kg", Quality.GOOD, lift());
        try (ReadingBuffer buffer = open(dir.resolve("buffer.db"))) {
            buffer.append(List.of(lift));
            buffer.deadLetter(1, 1, "refused");

            assertThat(buffer.deadLetters(10)).singleElement()
                    .satisfies(d -> assertThat(d.reading()).isEqualTo(lift.withSeq(1)));
        }
    }

    @Test
    void aBufferFileFromBeforeAttributesIsUpgradedInPlaceKeepingItsReadingsAndSeqs() throws Exception {
        Path file = dir.resolve("old.db");
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file.toAbsolutePath());
             Statement s = c.createStatement()) {
            s.execute(OLD_READINGS);
            s.execute(OLD_DEAD_LETTER);
            s.execute("INSERT INTO readings (device, point, ts, value, unit, quality) VALUES"
                    + " ('pv-1', 'W', '2026-11-24T10:00:00Z', 1200.0, 'W', 'GOOD'),"
                    + " ('pv-1', 'WH', '2026-11-24T10:00:00Z', 5.5E7, 'W.h', 'UNCERTAIN'),"
                    + " ('pv-1', 'W', '2026-11-24T10:00:05Z', 1180.0, 'W', 'GOOD')");
            s.execute("DELETE FROM readings WHERE seq = 1"); // confirmed before the upgrade
            s.execute("INSERT INTO dead_letter VALUES (1, 'pv-1', 'W', '2026-11-24T09:00:00Z', 1.0, 'W', 'GOOD',"
                    + " 'old refusal', '2026-11-24T09:00:01Z')");
        }

        try (ReadingBuffer buffer = open(file)) {
            assertThat(columns(file, "readings")).endsWith("attrs");
            assertThat(columns(file, "dead_letter")).endsWith("attrs");
            assertThat(buffer.size()).isEqualTo(2);
            assertThat(buffer.peek(0, 10)).containsExactly(
                    new Reading(2, "pv-1", "WH", Instant.parse("2026-11-24T10:00:00Z"), 5.5e7, "W.h", Quality.UNCERTAIN),
                    new Reading(3, "pv-1", "W", Instant.parse("2026-11-24T10:00:05Z"), 1180.0, "W", Quality.GOOD));
            assertThat(buffer.deadLetters(10)).singleElement()
                    .satisfies(d -> assertThat(d.reading().attrs()).isEmpty());

            // Sequence numbers go on from the old file's, never reused; events fit in the upgraded file.
            Reading lift = new Reading(0, "truck-07-rfid", "lift", T0, 12.4, "kg", Quality.GOOD, lift());
            assertThat(buffer.append(List.of(lift)).seqs()).containsExactly(4L);
            assertThat(buffer.peek(3, 10)).containsExactly(lift.withSeq(4));
        }
        // Opening an upgraded file again changes nothing.
        try (ReadingBuffer buffer = open(file)) {
            assertThat(columns(file, "readings")).filteredOn("attrs"::equals).hasSize(1);
            assertThat(buffer.peek(0, 10)).extracting(Reading::seq).containsExactly(2L, 3L, 4L);
            assertThat(buffer.peek(3, 10).get(0).attrs()).containsExactlyEntriesOf(lift());
        }
    }

    private static List<String> columns(Path file, String table) throws Exception {
        List<String> names = new ArrayList<>();
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file.toAbsolutePath());
             Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("PRAGMA table_info(" + table + ")")) {
            while (rs.next()) names.add(rs.getString("name"));
        }
        return names;
    }
}
