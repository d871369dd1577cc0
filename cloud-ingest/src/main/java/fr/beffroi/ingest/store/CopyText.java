package fr.beffroi.ingest.store;

import fr.beffroi.profiles.wire.IsoInstants;

import java.time.Instant;

/**
 * Rows in PostgreSQL's COPY text format: tab-separated, newline-terminated, {@code \N} for null,
 * and backslash escapes for the characters that would otherwise end a field or a row.
 *
 * <p>Built for the write path's hot loop (every stored reading passes here): a text without
 * anything to escape is appended whole, the last text and the last instant are remembered (tenant,
 * gateway and received_at repeat on every row of a transaction), and instants are written with
 * the digits {@link Instant#toString()} would give, by {@link IsoInstants} rather than its formatter.
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
            // Exactly value.toString(): the ISO form PostgreSQL reads as timestamptz.
            IsoInstants.appendTo(out, value);
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
