package fr.beffroi.ingest.store;

import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

class CopyTextTest {
    @Test
    void separatorsAndBackslashesAreEscaped() {
        String row = new CopyText(1).text("a\tb\nc\rd\\e").text(null).endRow().toString();

        assertThat(row).isEqualTo("a\\tb\\nc\\rd\\\\e\t\\N\n");
    }

    @Test
    void aLiteralBackslashNIsNotReadAsNull() {
        assertThat(new CopyText(1).text("\\N").endRow().toString()).isEqualTo("\\\\N\n");
    }

    @Test
    void numbersAndInstantsUseFormsPostgresqlReads() {
        String row = new CopyText(1).number(42L).number(1.5e-7).timestamp(Instant.parse("2026-11-25T10:00:00.123Z"))
                .endRow().toString();

        assertThat(row).isEqualTo("42\t1.5E-7\t2026-11-25T10:00:00.123Z\n");
    }

    @Test
    void unicodePassesUnchanged() {
        assertThat(new CopyText(1).text("salle des fêtes °C").endRow().toString()).isEqualTo("salle des fêtes °C\n");
    }

    @Test
    void instantsAreWrittenAsInstantToStringWritesThem() {
        Instant base = Instant.parse("2026-11-25T10:00:00Z");
        for (long nanos : new long[]{0, 1, 1_000, 120_000_000, 123_000_000, 123_456_000, 123_456_789, 999_999_999}) {
            Instant t = base.plusNanos(nanos);
            assertThat(new CopyText(1).timestamp(t).endRow().toString()).isEqualTo(t + "\n");
        }
        Instant far = Instant.parse("+12026-01-01T00:00:00Z");
        Instant old = Instant.parse("0900-01-01T00:00:00Z");
        assertThat(new CopyText(1).timestamp(far).timestamp(old).endRow().toString()).isEqualTo(far + "\t" + old + "\n");
    }

    @Test
    void repeatedValuesAreWrittenTheSameEachTime() {
        Instant t = Instant.parse("2026-11-25T10:00:00.5Z");
        CopyText rows = new CopyText(2);
        for (int i = 0; i < 2; i++) rows.text("a\tb").text("plain").text("a\tb").timestamp(t).timestamp(t).endRow();

        String row = "a\\tb\tplain\ta\\tb\t2026-11-25T10:00:00.500Z\t2026-11-25T10:00:00.500Z\n";
        assertThat(rows.toString()).isEqualTo(row + row);
    }
}
