package fr.beffroi.edge.buffer;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;

/**
 * Reads back the timestamps the buffer itself wrote with {@link Instant#toString()}
 * ({@code 2026-11-25T10:00:00.123Z}: four-digit year, 0 to 9 fraction digits, {@code Z}).
 *
 * <p>Why not just {@link Instant#parse}: the uplink reads every reading back once, and the
 * general ISO formatter was the largest single cost of a peek. This reads the fixed layout's
 * digits and leaves the calendar arithmetic and its validation to {@link LocalDateTime}; anything
 * that does not have exactly that layout goes to {@link Instant#parse}, so the result (or the
 * exception) is always the one {@code Instant.parse} would give.
 */
final class StoredInstants {
    private StoredInstants() {
    }

    static Instant parse(String s) {
        int n = s.length();
        if (n < 20 || n > 30 || n == 21 || s.charAt(n - 1) != 'Z' || s.charAt(4) != '-' || s.charAt(7) != '-'
                || s.charAt(10) != 'T' || s.charAt(13) != ':' || s.charAt(16) != ':') {
            return Instant.parse(s);
        }
        int year = digits(s, 0, 4);
        int month = digits(s, 5, 7);
        int day = digits(s, 8, 10);
        int hour = digits(s, 11, 13);
        int minute = digits(s, 14, 16);
        int second = digits(s, 17, 19);
        int nanos = 0;
        if (n > 20) {
            if (s.charAt(19) != '.') return Instant.parse(s);
            int fraction = digits(s, 20, n - 1);
            if (fraction < 0) return Instant.parse(s);
            nanos = fraction;
            for (int i = n - 1 - 20; i < 9; i++) nanos *= 10;
        }
        if ((year | month | day | hour | minute | second) < 0) return Instant.parse(s);
        try {
            long epochSecond = LocalDateTime.of(year, month, day, hour, minute, second).toEpochSecond(ZoneOffset.UTC);
            return Instant.ofEpochSecond(epochSecond, nanos);
        } catch (DateTimeException e) {
            // Out of range fields (hour 24, leap second...): the library decides, as before.
            return Instant.parse(s);
        }
    }

    /** The decimal value of {@code s[from, to)}, or -1 when a character is not an ASCII digit. */
    private static int digits(String s, int from, int to) {
        int v = 0;
        for (int i = from; i < to; i++) {
            int d = s.charAt(i) - '0';
            if (d < 0 || d > 9) return -1;
            v = v * 10 + d;
        }
        return v;
    }
}
