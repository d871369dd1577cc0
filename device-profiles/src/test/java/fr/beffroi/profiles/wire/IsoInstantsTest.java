package fr.beffroi.profiles.wire;

import org.junit.jupiter.api.Test;

import java.time.DateTimeException;
import java.time.Instant;
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
}
