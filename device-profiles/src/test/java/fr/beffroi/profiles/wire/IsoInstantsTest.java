package fr.beffroi.profiles.wire;

import org.junit.jupiter.api.Test;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Merged from the edge's BatchJsonTest/StoredInstantsTest and the ingest's StreamingBatchReaderTest. */
class IsoInstantsTest {
    @Test
    void instantsAreWrittenAsInstantToStringWritesThem() {
        Instant base = Instant.parse("2026-06-21T10:00:00Z");
        for (long nanos : new long[]{0, 1, 1_000, 10_000_000, 120_000_000, 123_000_000, 123_456_000, 123_456_789,
                999_999_999}) {
            Instant t = base.plusNanos(nanos);
            assertThat(IsoInstants.format(t)).isEqualTo(t.toString());
            assertThat(IsoInstants.appendTo(new StringBuilder("x"), t).toString()).isEqualTo("x" + t);
        }
        for (String s : List.of("+12026-01-01T00:00:00Z", "0999-12-31T23:59:59.5Z", "0900-01-01T00:00:00Z",
                "1000-01-01T00:00:00Z", "9999-12-31T23:59:59.999999999Z", "1970-01-01T00:00:00Z")) {
            Instant t = Instant.parse(s);
            assertThat(IsoInstants.format(t)).isEqualTo(t.toString());
            assertThat(IsoInstants.appendTo(new StringBuilder(), t).toString()).isEqualTo(t.toString());
        }
    }

    @Test
    void everyDayOfTheFourDigitYearsIsWrittenAndReadAsTheJdkDoes() {
        // The day arithmetic is LocalDate's, inlined: compare over every day, from 0000 to 9999,
        // at a second of the day that moves, and every impossible day-of-month on the way.
        long first = LocalDate.of(0, 1, 1).toEpochDay();
        long last = LocalDate.of(9999, 12, 31).toEpochDay();
        for (long day = first; day <= last; day++) {
            Instant t = Instant.ofEpochSecond(day * 86_400 + Math.floorMod(day * 7_919, 86_400));
            String jdk = t.toString();
            assertThat(IsoInstants.format(t)).isEqualTo(jdk);
            assertThat(IsoInstants.parseOrNull(jdk)).isEqualTo(t);
        }
        for (int year : new int[]{0, 4, 100, 400, 1900, 2000, 2023, 2024, 2100, 9999}) {
            for (int month = 1; month <= 12; month++) {
                for (int day = 28; day <= 32; day++) {
                    String s = String.format("%04d-%02d-%02dT00:00:00Z", year, month, day);
                    boolean valid = day <= YearMonth.of(year, month).lengthOfMonth();
                    assertThat(IsoInstants.parseOrNull(s)).as(s).isEqualTo(valid ? Instant.parse(s) : null);
                }
            }
        }
    }

    @Test
    void readsWhatInstantToStringWrites() {
        Instant base = Instant.parse("2026-06-21T10:00:00Z");
        for (long nanos : new long[]{0, 1, 120_000_000, 123_000_000, 123_456_000, 123_456_789, 999_999_999}) {
            Instant t = base.plusNanos(nanos);
            assertThat(IsoInstants.parse(t.toString())).isEqualTo(t);
            assertThat(IsoInstants.parseOrNull(t.toString())).isEqualTo(t);
        }
        assertThat(IsoInstants.parse("2000-02-29T23:59:59.5Z")).isEqualTo(Instant.parse("2000-02-29T23:59:59.5Z"));
    }

    @Test
    void thePlainFormIsReadAsInstantParseReadsIt() {
        for (String s : List.of("2026-11-25T10:00:00Z", "2026-11-25T10:00:00.1Z", "2026-11-25T10:00:00.120Z",
                "2000-02-29T23:59:59.999999999Z", "2199-12-31T00:00:00.000001Z", "1970-01-01T00:00:00Z",
                "0001-01-01T00:00:00Z")) {
            assertThat(IsoInstants.parseOrNull(s)).as(s).isEqualTo(Instant.parse(s));
        }
    }

    @Test
    void parseOrNullDeclinesEveryOtherForm() {
        for (String s : List.of("2026-02-30T10:00:00Z", "2026-11-25T24:00:00Z", "2026-11-25 10:00:00Z",
                "+12026-06-21T10:00:00Z", "2026-06-21T23:59:60Z", "2026-06-21T10:00:00.Z",
                "2026-11-25T11:00:00.5+01:00", "")) {
            assertThat(IsoInstants.parseOrNull(s)).as(s).isNull();
        }
        assertThat(IsoInstants.parseOrNull(null)).isNull();
    }

    @Test
    void otherFormsGetInstantParsesAnswer() {
        for (String s : List.of("+12026-06-21T10:00:00Z", "2026-06-21T23:59:60Z", "2026-06-21T10:00:00.Z")) {
            Instant expected;
            try {
                expected = Instant.parse(s);
            } catch (DateTimeException e) {
                assertThatThrownBy(() -> IsoInstants.parse(s)).isInstanceOf(DateTimeException.class);
                continue;
            }
            assertThat(IsoInstants.parse(s)).isEqualTo(expected);
        }
        assertThatThrownBy(() -> IsoInstants.parse("2026-02-30T10:00:00Z")).isInstanceOf(DateTimeException.class);
    }

    @Test
    void instantsAreReadInPlaceFromABuffer() {
        char[] buffer = "xx2026-11-25T10:00:00.120Zyy2026-02-30T10:00:00Z".toCharArray();
        assertThat(IsoInstants.parseOrNull(buffer, 2, 24)).isEqualTo(Instant.parse("2026-11-25T10:00:00.120Z"));
        assertThat(IsoInstants.parseOrNull(buffer, 2, 25)).isNull();
        assertThat(IsoInstants.parseOrNull(buffer, 28, 20)).isNull();
    }

    @Test
    void instantsAreWrittenInPlaceIntoABuffer() {
        byte[] buffer = new byte[40];
        Instant t = Instant.parse("2026-11-25T10:00:00.123456Z");
        int end = IsoInstants.writeAscii(buffer, 5, t);
        assertThat(new String(buffer, 5, end - 5, java.nio.charset.StandardCharsets.US_ASCII)).isEqualTo(t.toString());
        assertThat(IsoInstants.writeAscii(buffer, 0, Instant.parse("+12026-01-01T00:00:00Z"))).isEqualTo(-1);
    }

    @Test
    void aWriterRememberingTheLastSecondWritesWhatInstantToStringWrites() {
        IsoInstants.Writer writer = new IsoInstants.Writer();
        byte[] buffer = new byte[32];
        Instant base = Instant.parse("2026-12-31T23:59:58Z");
        // Same second with every fraction width, then the next second, the next day, back again.
        for (long millis : new long[]{0, 1, 120, 999, 1_000, 1_500, 2_000, 2_001, -86_400_000, 0}) {
            for (long nanos : new long[]{0, 7, 7_000, 7_000_000}) {
                Instant t = base.plusMillis(millis).plusNanos(nanos);
                int end = writer.write(buffer, 1, t);
                assertThat(new String(buffer, 1, end - 1, java.nio.charset.StandardCharsets.US_ASCII)).isEqualTo(t.toString());
            }
        }
        // Two instants alternating, as in a COPY row (taken, received), and a third coming in.
        Instant received = Instant.parse("2026-12-31T23:59:59.5Z");
        for (int i = 0; i < 6; i++) {
            for (Instant t : List.of(base.plusMillis(i * 400L), received, base.plusSeconds(90).plusMillis(i))) {
                int end = writer.write(buffer, 0, t);
                assertThat(new String(buffer, 0, end, java.nio.charset.StandardCharsets.US_ASCII)).isEqualTo(t.toString());
            }
        }
        assertThat(writer.write(buffer, 0, Instant.parse("+12026-01-01T00:00:00Z"))).isEqualTo(-1);
    }
}
