package fr.beffroi.profiles.wire;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;

/**
 * Instants in the one text form the wire, the edge buffer and COPY all use: exactly what
 * {@link Instant#toString()} writes ({@code 2026-11-25T10:00:00.123Z}, ISO_INSTANT), which is also
 * what WireCodec's data binding writes and reads.
 *
 * <p>Why not the JDK's formatter: these run for every reading on both hot paths (uplink encode,
 * buffer peek, ingest decode, COPY), and the general ISO formatter was the largest single cost
 * there. Only the fixed layout's digits are handled here; the calendar arithmetic and its
 * validation stay {@link LocalDateTime}'s, and every other form goes to the JDK, so results are
 * always the ones {@code Instant.toString}/{@code Instant.parse} would give.
 */
public final class IsoInstants {
    /** {@code yyyy-MM-ddTHH:mm:ss.nnnnnnnnnZ}: the longest form handled here. */
    private static final int MAX_LENGTH = 30;

    private IsoInstants() {
    }

    /** Exactly {@code value.toString()}. */
    public static String format(Instant value) {
        char[] c = new char[MAX_LENGTH];
        int n = write(c, value);
        return n < 0 ? value.toString() : new String(c, 0, n);
    }

    /** Appends exactly {@code value.toString()} and returns {@code out}. */
    public static StringBuilder appendTo(StringBuilder out, Instant value) {
        char[] c = new char[MAX_LENGTH];
        int n = write(c, value);
        return n < 0 ? out.append(value) : out.append(c, 0, n);
    }

    /**
     * {@code yyyy-MM-ddTHH:mm:ss[.f{1,9}]Z} as {@link Instant#parse} reads it, or null for any
     * other form (offsets, leap seconds, hour 24, other year widths, impossible dates...), for the
     * caller to hand to a stricter or more general reader.
     */
    public static Instant parseOrNull(String s) {
        if (s == null) return null;
        int n = s.length();
        if (n < 20 || n > MAX_LENGTH || n == 21 || s.charAt(n - 1) != 'Z' || s.charAt(4) != '-'
                || s.charAt(7) != '-' || s.charAt(10) != 'T' || s.charAt(13) != ':' || s.charAt(16) != ':') {
            return null;
        }
        int year = digits(s, 0, 4);
        int month = digits(s, 5, 7);
        int day = digits(s, 8, 10);
        int hour = digits(s, 11, 13);
        int minute = digits(s, 14, 16);
        int second = digits(s, 17, 19);
        if ((year | month | day | hour | minute | second) < 0) return null;
        int nanos = 0;
        if (n > 20) {
            if (s.charAt(19) != '.') return null;
            int fraction = digits(s, 20, n - 1);
            if (fraction < 0) return null;
            nanos = fraction;
            for (int i = n - 1 - 20; i < 9; i++) nanos *= 10;
        }
        try {
            long epochSecond = LocalDateTime.of(year, month, day, hour, minute, second).toEpochSecond(ZoneOffset.UTC);
            return Instant.ofEpochSecond(epochSecond, nanos);
        } catch (DateTimeException e) {
            return null;
        }
    }

    /** Always the result (or the exception) {@link Instant#parse} would give, faster for the common form. */
    public static Instant parse(String s) {
        Instant fast = parseOrNull(s);
        return fast != null ? fast : Instant.parse(s);
    }

    /** Writes the ISO_INSTANT form into {@code c}, returning its length, or -1 for years outside 1000–9999. */
    private static int write(char[] c, Instant value) {
        LocalDateTime t = LocalDateTime.ofEpochSecond(value.getEpochSecond(), 0, ZoneOffset.UTC);
        int year = t.getYear();
        // Signed or five-digit years: rare enough for the general formatter.
        if (year < 1000 || year > 9999) return -1;
        int n = 0;
        n = put(c, n, year, 4);
        c[n++] = '-';
        n = put(c, n, t.getMonthValue(), 2);
        c[n++] = '-';
        n = put(c, n, t.getDayOfMonth(), 2);
        c[n++] = 'T';
        n = put(c, n, t.getHour(), 2);
        c[n++] = ':';
        n = put(c, n, t.getMinute(), 2);
        c[n++] = ':';
        n = put(c, n, t.getSecond(), 2);
        int nanos = value.getNano();
        if (nanos > 0) {
            c[n++] = '.';
            // Like ISO_INSTANT: 3, 6 or 9 digits, the fewest that keep every non-zero one.
            if (nanos % 1_000_000 == 0) {
                n = put(c, n, nanos / 1_000_000, 3);
            } else if (nanos % 1_000 == 0) {
                n = put(c, n, nanos / 1_000, 6);
            } else {
                n = put(c, n, nanos, 9);
            }
        }
        c[n++] = 'Z';
        return n;
    }

    private static int put(char[] c, int at, int value, int width) {
        for (int i = at + width - 1; i >= at; i--) {
            c[i] = (char) ('0' + value % 10);
            value /= 10;
        }
        return at + width;
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
