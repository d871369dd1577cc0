package fr.beffroi.ingest.store;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;

/**
 * Rows in PostgreSQL's COPY text format: tab-separated, newline-terminated, {@code \N} for null,
 * and backslash escapes for the characters that would otherwise end a field or a row.
 *
 * <p>Built for the write path's hot loop (every stored reading passes here): a text without
 * anything to escape is appended whole, the last text and the last instant are remembered (tenant,
 * gateway and received_at repeat on every row of a transaction), and instants are written with
 * the digits {@link Instant#toString()} would give, without going through its formatter.
 */
public final class CopyText {
    private final StringBuilder out;
    private String lastText;
    private String lastTextEscaped;
    private Instant lastInstant;
    private String lastInstantText;

    public CopyText(int expectedRows) {
        out = new StringBuilder(Math.max(16, expectedRows) * 128);
    }

    public CopyText text(String value) {
        if (value == null) {
            out.append("\\N");
        } else if (value.equals(lastText)) {
            out.append(lastTextEscaped);
        } else if (needsEscape(value)) {
            int start = out.length();
            escape(out, value);
            lastText = value;
            lastTextEscaped = out.substring(start);
        } else {
            out.append(value);
            lastText = value;
            lastTextEscaped = value;
        }
        return tab();
    }

    public CopyText number(long value) {
        out.append(value);
        return tab();
    }

    public CopyText number(double value) {
        // Double.toString round-trips exactly and PostgreSQL's float8 input reads its exponent form.
        out.append(value);
        return tab();
    }

    public CopyText timestamp(Instant value) {
        if (value.equals(lastInstant)) {
            out.append(lastInstantText);
        } else {
            int start = out.length();
            appendInstant(out, value);
            lastInstant = value;
            lastInstantText = out.substring(start);
        }
        return tab();
    }

    /** Ends the row (replacing the trailing tab). */
    public CopyText endRow() {
        int last = out.length() - 1;
        if (last >= 0 && out.charAt(last) == '\t') out.setLength(last);
        out.append('\n');
        return this;
    }

    @Override
    public String toString() {
        return out.toString();
    }

    private CopyText tab() {
        out.append('\t');
        return this;
    }

    /** Appends exactly {@code value.toString()}: the ISO form PostgreSQL reads as timestamptz. */
    static void appendInstant(StringBuilder out, Instant value) {
        LocalDateTime t = LocalDateTime.ofEpochSecond(value.getEpochSecond(), 0, ZoneOffset.UTC);
        int year = t.getYear();
        if (year < 1000 || year > 9999) {
            // Signed or five-digit years: rare enough for the general formatter.
            out.append(value);
            return;
        }
        out.append(year).append('-');
        two(out, t.getMonthValue()).append('-');
        two(out, t.getDayOfMonth()).append('T');
        two(out, t.getHour()).append(':');
        two(out, t.getMinute()).append(':');
        two(out, t.getSecond());
        int nanos = value.getNano();
        if (nanos > 0) {
            out.append('.');
            // Like Instant.toString: 3, 6 or 9 digits, the fewest that keep every non-zero one.
            if (nanos % 1_000_000 == 0) {
                digits(out, nanos / 1_000_000, 3);
            } else if (nanos % 1_000 == 0) {
                digits(out, nanos / 1_000, 6);
            } else {
                digits(out, nanos, 9);
            }
        }
        out.append('Z');
    }

    private static StringBuilder two(StringBuilder out, int v) {
        return out.append((char) ('0' + v / 10)).append((char) ('0' + v % 10));
    }

    private static void digits(StringBuilder out, int v, int width) {
        for (int div = pow10(width - 1); div > 0; div /= 10) out.append((char) ('0' + (v / div) % 10));
    }

    private static int pow10(int n) {
        int p = 1;
        for (int i = 0; i < n; i++) p *= 10;
        return p;
    }

    private static boolean needsEscape(String value) {
        for (int i = 0; i < value.length(); i++) {
            char ch = value.charAt(i);
            if (ch == '\\' || ch < 0x20) return true;
        }
        return false;
    }

    static void escape(StringBuilder out, String value) {
        for (int i = 0; i < value.length(); i++) {
            char ch = value.charAt(i);
            switch (ch) {
                case '\\' -> out.append("\\\\");
                case '\t' -> out.append("\\t");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\b' -> out.append("\\b");
                case '\f' -> out.append("\\f");
                case 0x0B -> out.append("\\v");
                default -> out.append(ch);
            }
        }
    }
}
