package fr.beffroi.ingest.store;

import com.fasterxml.jackson.core.io.NumberOutput;
import fr.beffroi.profiles.wire.IsoInstants;
import org.postgresql.copy.CopyIn;

import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Arrays;

/**
 * Rows in PostgreSQL's COPY text format, as the UTF-8 bytes COPY reads: tab-separated,
 * newline-terminated, {@code \N} for null, and backslash escapes for the characters that would
 * otherwise end a field or a row.
 *
 * <p>Built for the write path's hot loop (every stored reading passes here), so it writes bytes,
 * not chars: a String, then its UTF-8 encoding, were two more copies of every row. ASCII text
 * without anything to escape is copied char by char; instants are written in place by
 * {@link IsoInstants} with the digits {@link Instant#toString()} would give; the last instant is
 * remembered (received_at repeats on every row of a transaction). The store drains the rows into
 * the open COPY as they grow, so that PostgreSQL parses while the next rows are formatted.
 */
public final class CopyText {
    /** Longest form of an instant or a number written here (Instant.toString is at most 30 chars). */
    private static final int MAX_SCALAR = 32;
    /** Powers of ten tried for a plain decimal form; each exact as a double. */
    private static final double[] DECIMAL_SCALES = {1, 10, 100, 1_000, 10_000};
    /** Below 2^53 every integer is a double, and a long. */
    private static final double EXACT_LONG = 9_007_199_254_740_992.0;

    private byte[] buf;
    private int len;
    private final IsoInstants.Writer instants = new IsoInstants.Writer();

    public CopyText(int expectedRows) {
        buf = new byte[Math.max(16, Math.min(expectedRows, 2_048)) * 128];
    }

    public CopyText text(String value) {
        if (value == null) {
            ensure(2);
            buf[len++] = '\\';
            buf[len++] = 'N';
            return tab();
        }
        int n = value.length();
        ensure(n);
        int at = len;
        for (int i = 0; i < n; i++) {
            char ch = value.charAt(i);
            if (ch >= 0x80 || ch < 0x20 || ch == '\\') {
                // Rare (units such as °C, names with accents, escapes): the general path for the whole value.
                writeEscaped(value);
                return tab();
            }
            buf[at++] = (byte) ch;
        }
        len = at;
        return tab();
    }

    public CopyText number(long value) {
        ensure(MAX_SCALAR);
        len = NumberOutput.outputLong(value, buf, len);
        return tab();
    }

    public CopyText number(double value) {
        // Measurements mostly carry a few decimals (1003.25 W): written as m / 10^k when that division
        // gives back the very same double. IEEE division is correctly rounded, so the double nearest
        // to the decimal m·10^-k — what PostgreSQL's float8 input reads — is then the value itself.
        for (int k = 0; k < DECIMAL_SCALES.length; k++) {
            double scaled = value * DECIMAL_SCALES[k];
            if (Math.abs(scaled) < EXACT_LONG && scaled == Math.rint(scaled)) {
                long m = (long) scaled;
                if (m / DECIMAL_SCALES[k] == value && (m != 0 || Double.doubleToRawLongBits(value) == 0)) {
                    return decimal(m, k);
                }
            }
        }
        // Any other value: the shortest form that reads back as the same double (Schubfach,
        // jackson-core's fast writer); PostgreSQL reads it, exponent form included, to that value.
        // Double.toString on Java 17 was the largest cost of a row after the instants.
        return ascii(NumberOutput.toString(value, true));
    }

    public CopyText timestamp(Instant value) {
        ensure(MAX_SCALAR);
        int end = instants.write(buf, len, value);
        if (end < 0) return ascii(value.toString()); // years outside 1000–9999: the JDK's own form
        len = end;
        return tab();
    }

    /** Ends the row (replacing the trailing tab). */
    public CopyText endRow() {
        if (len > 0 && buf[len - 1] == '\t') len--;
        ensure(1);
        buf[len++] = '\n';
        return this;
    }

    /** Bytes written and not yet drained. */
    public int size() {
        return len;
    }

    /** Hands the rows written so far to an open COPY and starts empty again. */
    public void drainTo(CopyIn copy) throws SQLException {
        if (len > 0) copy.writeToCopy(buf, 0, len);
        len = 0;
    }

    /** The rows written and not yet drained, as the UTF-8 bytes COPY reads. */
    public byte[] toBytes() {
        return Arrays.copyOf(buf, len);
    }

    @Override
    public String toString() {
        return new String(buf, 0, len, StandardCharsets.UTF_8);
    }

    private CopyText tab() {
        ensure(1);
        buf[len++] = '\t';
        return this;
    }

    /** {@code m / 10^scale} in plain decimal digits. */
    private CopyText decimal(long m, int scale) {
        ensure(MAX_SCALAR);
        if (scale == 0) {
            len = NumberOutput.outputLong(m, buf, len);
            return tab();
        }
        if (m < 0) {
            buf[len++] = '-';
            m = -m;
        }
        long unit = (long) DECIMAL_SCALES[scale];
        len = NumberOutput.outputLong(m / unit, buf, len);
        buf[len++] = '.';
        long fraction = m % unit;
        for (long d = unit / 10; d > 0; d /= 10) {
            buf[len++] = (byte) ('0' + fraction / d);
            fraction %= d;
        }
        return tab();
    }

    /** A text known to be ASCII with nothing to escape (numbers, the JDK's instant form). */
    private CopyText ascii(String value) {
        int n = value.length();
        ensure(n);
        for (int i = 0; i < n; i++) buf[len++] = (byte) value.charAt(i);
        return tab();
    }

    private void writeEscaped(String value) {
        StringBuilder escaped = new StringBuilder(value.length() + 8);
        escape(escaped, value);
        byte[] utf8 = escaped.toString().getBytes(StandardCharsets.UTF_8);
        ensure(utf8.length);
        System.arraycopy(utf8, 0, buf, len, utf8.length);
        len += utf8.length;
    }

    /** Room for {@code n} more bytes, plus the tab or newline that follows a field. */
    private void ensure(int n) {
        if (len + n + 1 > buf.length) buf = Arrays.copyOf(buf, Math.max(buf.length * 2, len + n + 1));
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
