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
}
