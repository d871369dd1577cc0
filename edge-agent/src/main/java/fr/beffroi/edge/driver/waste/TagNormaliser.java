package fr.beffroi.edge.driver.waste;

import java.util.Locale;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns a bin tag as a reader displays it into the one form Beffroi stores: the ISO 11784 64-bit
 * code as 16 upper-case hex digits, most significant bit left. The 64 bits are, from the left:
 * 1 animal flag, 14 reserved, 1 additional-data flag, a 10-bit country (or manufacturer) code and a
 * 38-bit national id.
 *
 * <p>Forms understood: 15-digit decimal country + national id ({@code 250004000123456}, or with a
 * space after the country, {@code 250 004000123456}); dot-hex country.national
 * ({@code 3E7.1CBE991A14}); and 16 hex digits, which a reader writes either MSB first or
 * bit-reversed (the order the bits travel on air, LSB first). The two 16-digit forms cannot be told
 * apart from the text, so the reader's setting says which one it sends ({@link HexOrder}). The
 * decimal and dot-hex forms carry no flags: those bits are 0.
 *
 * <p>Pure and thread-safe. Anything else is refused with the reason, never guessed.
 */
public final class TagNormaliser {

    /** How a reader orders the bits when it writes a tag as 16 hex digits. */
    public enum HexOrder {
        /** Most significant bit (the animal flag) first: already the stored form. */
        MSB_FIRST,
        /** Least significant bit first, as FDX-B sends it on air: reversed bit by bit. */
        BIT_REVERSED
    }

    static final long MAX_COUNTRY = (1L << 10) - 1;
    static final long MAX_NATIONAL = (1L << 38) - 1;

    private static final Pattern DECIMAL = Pattern.compile("(\\d{3}) ?(\\d{12})");
    private static final Pattern DOT_HEX = Pattern.compile("([0-9A-Fa-f]{3})\\.([0-9A-Fa-f]{10})");
    private static final Pattern HEX64 = Pattern.compile("[0-9A-Fa-f]{16}");

    private final HexOrder hexOrder;

    public TagNormaliser(HexOrder hexOrder) {
        this.hexOrder = Objects.requireNonNull(hexOrder, "hexOrder");
    }

    /**
     * The tag as 16 hex digits, MSB left.
     *
     * @throws IllegalArgumentException naming what is wrong when {@code raw} is no tag in a known form
     */
    public String normalise(String raw) {
        Objects.requireNonNull(raw, "raw");
        String text = raw.strip();
        Matcher m = DECIMAL.matcher(text);
        if (m.matches()) {
            return fromParts(Long.parseLong(m.group(1)), Long.parseLong(m.group(2)), raw);
        }
        m = DOT_HEX.matcher(text);
        if (m.matches()) {
            return fromParts(Long.parseLong(m.group(1), 16), Long.parseLong(m.group(2), 16), raw);
        }
        if (HEX64.matcher(text).matches()) {
            long code = Long.parseUnsignedLong(text, 16);
            return hex(hexOrder == HexOrder.MSB_FIRST ? code : Long.reverse(code));
        }
        throw new IllegalArgumentException("tag '" + raw + "' is in no known form (15 decimal digits,"
                + " 3.10 dot-hex, or 16 hex digits)");
    }

    private static String fromParts(long country, long national, String raw) {
        if (country > MAX_COUNTRY) {
            throw new IllegalArgumentException("tag '" + raw + "': country code " + country + " is past 10 bits ("
                    + MAX_COUNTRY + ")");
        }
        if (national > MAX_NATIONAL) {
            throw new IllegalArgumentException("tag '" + raw + "': national id " + national + " is past 38 bits ("
                    + MAX_NATIONAL + ")");
        }
        return hex((country << 38) | national);
    }

    private static String hex(long code) {
        return String.format(Locale.ROOT, "%016X", code);
    }
}
