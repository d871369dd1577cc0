package fr.beffroi.edge.buffer;

import org.junit.jupiter.api.Test;

import java.time.DateTimeException;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class StoredInstantsTest {
    @Test
    void readsWhatInstantToStringWrites() {
        Instant base = Instant.parse("2026-06-21T10:00:00Z");
        for (long nanos : new long[]{0, 1, 120_000_000, 123_000_000, 123_456_000, 123_456_789, 999_999_999}) {
            Instant t = base.plusNanos(nanos);
            assertThat(StoredInstants.parse(t.toString())).isEqualTo(t);
        }
        assertThat(StoredInstants.parse("2000-02-29T23:59:59.5Z")).isEqualTo(Instant.parse("2000-02-29T23:59:59.5Z"));
    }

    @Test
    void otherFormsGetInstantParsesAnswer() {
        for (String s : List.of("+12026-06-21T10:00:00Z", "2026-06-21T23:59:60Z", "2026-06-21T10:00:00.Z")) {
            Instant expected;
            try {
                expected = Instant.parse(s);
            } catch (DateTimeException e) {
                assertThatThrownBy(() -> StoredInstants.parse(s)).isInstanceOf(DateTimeException.class);
                continue;
            }
            assertThat(StoredInstants.parse(s)).isEqualTo(expected);
        }
        assertThatThrownBy(() -> StoredInstants.parse("2026-02-30T10:00:00Z")).isInstanceOf(DateTimeException.class);
    }
}
