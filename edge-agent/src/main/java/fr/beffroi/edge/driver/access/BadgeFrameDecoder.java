package fr.beffroi.edge.driver.access;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;

/**
 * Cuts the badge reader's byte stream into frames and checks them:
 * {@code STX(0x02) + card id in ASCII hex + 2 ASCII hex of the XOR of the card bytes + CR LF + ETX(0x03)}.
 *
 * <p>Hand-written because no library in the field speaks it: it is the plain ASCII output of cheap
 * 125 kHz / 13.56 MHz readers (RDM6300-style), a dozen lines of framing, with no protocol stack
 * behind it to reuse. OSDP readers (IEC 60839-11-5) will get a library-backed link later.
 *
 * <p>Not thread-safe: the reader thread alone feeds it. Never guesses: a frame that breaks any rule,
 * bytes outside a frame, or a frame cut by a new STX come out as {@link Corrupt} with the raw bytes
 * and the reason.
 */
public final class BadgeFrameDecoder {

    static final byte STX = 0x02;
    static final byte ETX = 0x03;
    static final byte CR = '\r';
    static final byte LF = '\n';
    /** Card ids of 4 to 10 bytes: Mifare 4- and 7-byte UIDs, EM4100's 5 bytes, 10-byte UIDs. */
    static final int MIN_CARD_HEX = 8;
    static final int MAX_CARD_HEX = 20;
    /** STX + longest id + checksum + CR LF + ETX, with room; a longer run without ETX is garbage. */
    static final int MAX_FRAME = 1 + MAX_CARD_HEX + 2 + 2 + 1 + 8;

    /** What one frame (or one run of bytes between frames) decoded to. */
    public sealed interface Result permits Badge, Corrupt {
        byte[] raw();
    }

    /** A good frame: the card id normalised to upper-case hex. */
    public record Badge(String id, byte[] raw) implements Result {
    }

    /** Bytes refused, with why. */
    public record Corrupt(byte[] raw, String reason) implements Result {
    }

    private final ByteArrayOutputStream frame = new ByteArrayOutputStream(MAX_FRAME);
    private final ByteArrayOutputStream garbage = new ByteArrayOutputStream();
    private boolean inFrame;

    /** Feeds bytes as they came off the wire; returns the frames they completed, in order. */
    public List<Result> feed(byte[] data, int offset, int length) {
        List<Result> out = new ArrayList<>();
        for (int i = offset; i < offset + length; i++) {
            byte b = data[i];
            if (b == STX) {
                flushGarbage(out);
                if (inFrame) {
                    out.add(new Corrupt(frame.toByteArray(), "frame cut by a new STX before its ETX"));
                }
                frame.reset();
                frame.write(b);
                inFrame = true;
            } else if (!inFrame) {
                garbage.write(b);
            } else {
                frame.write(b);
                if (b == ETX) {
                    out.add(check(frame.toByteArray()));
                    frame.reset();
                    inFrame = false;
                } else if (frame.size() >= MAX_FRAME) {
                    out.add(new Corrupt(frame.toByteArray(), "no ETX within " + MAX_FRAME + " bytes"));
                    frame.reset();
                    inFrame = false;
                }
            }
        }
        return out;
    }

    public List<Result> feed(byte[] data) {
        return feed(data, 0, data.length);
    }

    private void flushGarbage(List<Result> out) {
        if (garbage.size() > 0) {
            out.add(new Corrupt(garbage.toByteArray(), garbage.size() + " byte(s) outside a frame"));
            garbage.reset();
        }
    }

    /** A whole frame, STX to ETX included. */
    static Result check(byte[] raw) {
        int n = raw.length;
        if (n < 4 || raw[n - 3] != CR || raw[n - 2] != LF) {
            return new Corrupt(raw, "no CR LF before ETX");
        }
        int hexLen = n - 4;
        for (int i = 1; i <= hexLen; i++) {
            if (Character.digit(raw[i], 16) < 0) {
                return new Corrupt(raw, String.format(Locale.ROOT, "byte 0x%02X at offset %d is not a hex digit", raw[i], i));
            }
        }
        int cardLen = hexLen - 2;
        if (cardLen < MIN_CARD_HEX || cardLen > MAX_CARD_HEX || cardLen % 2 != 0) {
            return new Corrupt(raw, "card id of " + Math.max(cardLen, 0) + " hex digits, expected an even number from "
                    + MIN_CARD_HEX + " to " + MAX_CARD_HEX);
        }
        String card = new String(raw, 1, cardLen, java.nio.charset.StandardCharsets.US_ASCII).toUpperCase(Locale.ROOT);
        String sent = new String(raw, 1 + cardLen, 2, java.nio.charset.StandardCharsets.US_ASCII).toUpperCase(Locale.ROOT);
        String computed = String.format(Locale.ROOT, "%02X", xor(HexFormat.of().parseHex(card)));
        if (!sent.equals(computed)) {
            return new Corrupt(raw, "checksum " + sent + ", computed " + computed);
        }
        return new Badge(card, raw);
    }

    static int xor(byte[] bytes) {
        int x = 0;
        for (byte b : bytes) {
            x ^= b & 0xFF;
        }
        return x;
    }
}
