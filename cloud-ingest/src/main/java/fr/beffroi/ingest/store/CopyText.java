package fr.beffroi.ingest.store;

import java.time.Instant;

/**
 * Rows in PostgreSQL's COPY text format: tab-separated, newline-terminated, {@code \N} for null,
 * and backslash escapes for the characters that would otherwise end a field or a row.
 */
public final class CopyText {
    private final StringBuilder out;

    public CopyText(int expectedRows) {
        out = new StringBuilder(Math.max(16, expectedRows) * 128);
    }

    public CopyText text(String value) {
        if (value == null) {
            out.append("\\N");
        } else {
            escape(out, value);
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
        out.append(value.toString());
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
