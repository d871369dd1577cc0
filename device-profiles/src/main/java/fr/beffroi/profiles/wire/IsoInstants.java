package fr.beffroi.profiles.wire;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;

/**
 * Instants in the one text form the wire, the edge buffer and COPY all use: exactly what
 * {@link Instant#toString()} writes ({@code 2026-11-25T10:00:00.123Z}, ISO_INSTANT), which is also
 * what WireCodec's data binding writes and reads.
 *
 * <p>Why not the JDK's formatter: these run for every reading on both hot paths (uplink encode,
 * buffer peek, ingest decode, COPY), and the general ISO formatter was the largest single cost
 * there; after it, LocalDateTime's three objects per instant were. Only the fixed layout's digits
 * and the proleptic Gregorian day arithmetic (LocalDate's own formulas) are done here; every other
 * form goes to the JDK, so results are always the ones {@code Instant.toString}/{@code Instant.parse}
 * would give (tests compare them over every day of the years 0000-9999).
 */
public final class IsoInstants {
    /** {@code yyyy-MM-ddTHH:mm:ss.nnnnnnnnnZ}: the longest form handled here. */
    private static final int MAX_LENGTH = 30;
    private static final long SECONDS_PER_DAY = 86_400;
    /** Days of a 400-year Gregorian cycle. */
    private static final long DAYS_PER_CYCLE = 146_097;
    /** Days from 0000-01-01 to 1970-01-01. */
    private static final long DAYS_0000_TO_1970 = DAYS_PER_CYCLE * 5L - (30L * 365L + 7L);
    private static final long EPOCH_DAY_1000 = LocalDate.of(1000, 1, 1).toEpochDay();
    private static final long EPOCH_DAY_10000 = LocalDate.of(10000, 1, 1).toEpochDay();

    private IsoInstants() {
    }

    /** Exactly {@code value.toString()}. */
    public static String format(Instant value) {
        byte[] b = new byte[MAX_LENGTH];
        int n = write(b, 0, value);
        // ASCII bytes as ISO-8859-1: a plain copy into a compact string, no decoding or compression pass.
        return n < 0 ? value.toString() : new String(b, 0, n, StandardCharsets.ISO_8859_1);
    }

    /** Appends exactly {@code value.toString()} and returns {@code out}. */
    public static StringBuilder appendTo(StringBuilder out, Instant value) {
        // A compact string appends by array copy; a char[] would be checked char by char.
        return out.append(format(value));
    }

    /**
     * Writes exactly {@code value.toString()} as ASCII into {@code b} from {@code at} (30 bytes must
     * be free there), returning the offset after it, or -1 (nothing written) for the forms left to
     * the JDK (years outside 1000–9999). For byte sinks such as COPY rows.
     */
    public static int writeAscii(byte[] b, int at, Instant value) {
        return write(b, at, value);
    }

    /**
     * {@code yyyy-MM-ddTHH:mm:ss[.f{1,9}]Z} as {@link Instant#parse} reads it, or null for any
     * other form (offsets, leap seconds, hour 24, other year widths, impossible dates...), for the
     * caller to hand to a stricter or more general reader.
     */
    public static Instant parseOrNull(String s) {
        if (s == null) return null;
        int n = s.length();
        if (n < 20 || n > MAX_LENGTH) return null;
        char[] c = new char[n];
        s.getChars(0, n, c, 0);
        return parseOrNull(c, 0, n);
    }

    /**
     * {@link #parseOrNull(String)} of the {@code n} chars of {@code c} from {@code off}: for a parser's
     * own text buffer, so that no String is made for an instant that is read once.
     */
    public static Instant parseOrNull(char[] c, int off, int n) {
        if (n < 20 || n > MAX_LENGTH || n == 21 || c[off + n - 1] != 'Z' || c[off + 4] != '-'
                || c[off + 7] != '-' || c[off + 10] != 'T' || c[off + 13] != ':' || c[off + 16] != ':') {
            return null;
        }
        int year = digits(c, off, off + 4);
        int month = digits(c, off + 5, off + 7);
        int day = digits(c, off + 8, off + 10);
        int hour = digits(c, off + 11, off + 13);
        int minute = digits(c, off + 14, off + 16);
        int second = digits(c, off + 17, off + 19);
        if ((year | month | day | hour | minute | second) < 0) return null;
        int nanos = 0;
        if (n > 20) {
            if (c[off + 19] != '.') return null;
            int fraction = digits(c, off + 20, off + n - 1);
            if (fraction < 0) return null;
            nanos = fraction;
            for (int i = n - 1 - 20; i < 9; i++) nanos *= 10;
        }
        // The checks LocalDateTime.of makes (years 0000-9999 are all valid), without its three objects.
        if (month < 1 || month > 12 || day < 1 || day > lengthOfMonth(year, month) || hour > 23 || minute > 59
                || second > 59) {
            return null;
        }
        return Instant.ofEpochSecond(epochDay(year, month, day) * SECONDS_PER_DAY
                + hour * 3600L + minute * 60L + second, nanos);
    }

    /** Always the result (or the exception) {@link Instant#parse} would give, faster for the common form. */
    public static Instant parse(String s) {
        Instant fast = parseOrNull(s);
        return fast != null ? fast : Instant.parse(s);
    }

    /** Writes the ISO_INSTANT form into {@code c} as ASCII, returning its length, or -1 for years outside 1000–9999. */
    private static int write(byte[] c, int at, Instant value) {
        long epochSecond = value.getEpochSecond();
        long epochDay = Math.floorDiv(epochSecond, SECONDS_PER_DAY);
        // Signed or five-digit years: rare enough for the general formatter.
        if (epochDay < EPOCH_DAY_1000 || epochDay >= EPOCH_DAY_10000) return -1;
        int secondOfDay = (int) Math.floorMod(epochSecond, SECONDS_PER_DAY);
        // LocalDate.ofEpochDay's civil-from-days arithmetic, inlined: no objects per reading.
        long zeroDay = epochDay + DAYS_0000_TO_1970 - 60; // days since 0000-03-01
        long era = Math.floorDiv(zeroDay, DAYS_PER_CYCLE);
        long dayOfEra = zeroDay - era * DAYS_PER_CYCLE;
        long yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36524 - dayOfEra / 146096) / 365;
        int dayOfYear = (int) (dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100));
        int marchMonth = (5 * dayOfYear + 2) / 153; // 0 is March
        int day = dayOfYear - (153 * marchMonth + 2) / 5 + 1;
        int month = marchMonth < 10 ? marchMonth + 3 : marchMonth - 9;
        int year = (int) (yearOfEra + era * 400 + (month <= 2 ? 1 : 0));
        int n = at;
        n = put(c, n, year, 4);
        c[n++] = (byte) '-';
        n = put(c, n, month, 2);
        c[n++] = (byte) '-';
        n = put(c, n, day, 2);
        c[n++] = (byte) 'T';
        n = put(c, n, secondOfDay / 3600, 2);
        c[n++] = (byte) ':';
        n = put(c, n, secondOfDay / 60 % 60, 2);
        c[n++] = (byte) ':';
        n = put(c, n, secondOfDay % 60, 2);
        return fractionAndZone(c, n, value.getNano());
    }

    /** Writes {@code [.f{3,6,9}]Z} at {@code n} as ISO_INSTANT does, returning the offset after it. */
    private static int fractionAndZone(byte[] c, int n, int nanos) {
        if (nanos > 0) {
            c[n++] = (byte) '.';
            // Like ISO_INSTANT: 3, 6 or 9 digits, the fewest that keep every non-zero one.
            if (nanos % 1_000_000 == 0) {
                n = put(c, n, nanos / 1_000_000, 3);
            } else if (nanos % 1_000 == 0) {
                n = put(c, n, nanos / 1_000, 6);
            } else {
                n = put(c, n, nanos, 9);
            }
        }
        c[n++] = (byte) 'Z';
        return n;
    }

    /**
     * Writes instants like {@link #writeAscii(byte[], int, Instant)}, remembering the date and time
     * of the last two seconds written: readings of a batch mostly share their second, and a COPY row
     * alternates two instants (taken, received), so mostly only the fraction is new.
     * Not thread-safe; one per sink.
     */
    public static final class Writer {
        /** {@code yyyy-MM-ddTHH:mm:ss} */
        private static final int SECOND_PREFIX = 19;
        private final byte[][] prefixes = new byte[2][SECOND_PREFIX];
        private final long[] seconds = {Long.MIN_VALUE, Long.MIN_VALUE};
        /** The slot the next new second replaces: the one written less recently. */
        private int older;

        /** As {@link IsoInstants#writeAscii(byte[], int, Instant)}. */
        public int write(byte[] b, int at, Instant value) {
            long second = value.getEpochSecond();
            for (int k = 0; k < 2; k++) {
                if (seconds[k] == second) {
                    System.arraycopy(prefixes[k], 0, b, at, SECOND_PREFIX);
                    older = 1 - k;
                    return fractionAndZone(b, at + SECOND_PREFIX, value.getNano());
                }
            }
            int end = IsoInstants.write(b, at, value);
            if (end >= 0) {
                System.arraycopy(b, at, prefixes[older], 0, SECOND_PREFIX);
                seconds[older] = second;
                older = 1 - older;
            }
            return end;
        }
    }

    /** Days since 1970-01-01 of a valid proleptic Gregorian date (LocalDate.toEpochDay's arithmetic). */
    private static long epochDay(int year, int month, int day) {
        long y = month <= 2 ? year - 1 : year; // years starting in March, so that February comes last
        long era = Math.floorDiv(y, 400);
        long yearOfEra = y - era * 400;
        int dayOfYear = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1;
        long dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear;
        return era * DAYS_PER_CYCLE + dayOfEra - DAYS_0000_TO_1970 + 60;
    }

    private static int lengthOfMonth(int year, int month) {
        return switch (month) {
            case 2 -> (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28;
            case 4, 6, 9, 11 -> 30;
            default -> 31;
        };
    }

    private static int put(byte[] c, int at, int value, int width) {
        for (int i = at + width - 1; i >= at; i--) {
            c[i] = (byte) ('0' + value % 10);
            value /= 10;
        }
        return at + width;
    }

    /** The decimal value of {@code c[from, to)}, or -1 when a character is not an ASCII digit. */
    private static int digits(char[] c, int from, int to) {
        int v = 0;
        for (int i = from; i < to; i++) {
            int d = c[i] - '0';
            if (d < 0 || d > 9) return -1;
            v = v * 10 + d;
        }
        return v;
    }
}
