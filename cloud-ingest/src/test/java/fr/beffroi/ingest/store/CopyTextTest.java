package fr.beffroi.ingest.store;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

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

    @Test
    void everyDoubleIsWrittenInAFormThatReadsBackToTheSameValue() {
        List<Double> values = new ArrayList<>(List.of(0.0, -0.0, 1.0, -1.0, 0.5, 1003.25, -1003.25, 0.1, 0.3, 1e-5,
                12.3456, 1.23456789, 9007199254740991.0, 9007199254740993.0, 1e300, -4.9e-324, Double.MAX_VALUE,
                1000.0 + 976 * 3.25, 230.7, 49.99));
        java.util.Random random = new java.util.Random(7);
        for (int i = 0; i < 20_000; i++) {
            values.add(random.nextInt(10_000_000) / Math.pow(10, random.nextInt(6)) * (random.nextBoolean() ? 1 : -1));
            double any = Double.longBitsToDouble(random.nextLong());
            if (Double.isFinite(any)) values.add(any);
        }
        for (double v : values) {
            String written = new CopyText(1).number(v).endRow().toString().strip();
            // Double.parseDouble reads decimals correctly rounded, as PostgreSQL's float8 input does.
            assertThat(Double.doubleToRawLongBits(Double.parseDouble(written))).as("%s written as %s", v, written)
                    .isEqualTo(Double.doubleToRawLongBits(v));
        }
        assertThat(new CopyText(1).number(1003.25).number(-0.5).number(42.0).number(-0.0).endRow().toString())
                .isEqualTo("1003.25\t-0.5\t42\t-0.0\n");
    }
}
