package fr.beffroi.edge.driver.waste;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Objects;

/**
 * Cuts a bin-lift reader's byte stream into frames {@code STX payload XX CR LF ETX}, where {@code XX}
 * is the XOR of the payload bytes in two upper-case hex digits.
 *
 * <p>Hand-written on purpose: these vendor ASCII frames have no maintained Java library (jSerialComm
 * only moves bytes), and the framing is a dozen lines a test can hold completely.
 *
 * <p>Nothing is guessed: bytes outside a frame, a frame cut by a new STX (its ETX missing), a frame
 * longer than {@code maxFrame} bytes, a frame without CR LF before its ETX, and a checksum that does
 * not match are each handed to the listener as corrupt, with the reason. Not thread-safe: one
 * framer per reading thread.
 */
final class StxEtxFramer {

    static final byte STX = 0x02;
    static final byte ETX = 0x03;
    static final byte CR = 0x0D;
    static final byte LF = 0x0A;

    private final int maxFrame;
    private final FrameListener listener;
    private final ByteArrayOutputStream frame = new ByteArrayOutputStream();
    private final ByteArrayOutputStream garbage = new ByteArrayOutputStream();
    private boolean inFrame;
    private boolean overLong;

    StxEtxFramer(int maxFrame, FrameListener listener) {
        if (maxFrame < 8) {
            throw new IllegalArgumentException("maxFrame must be at least 8 bytes, got " + maxFrame);
        }
        this.maxFrame = maxFrame;
        this.listener = Objects.requireNonNull(listener, "listener");
    }

    void accept(byte[] chunk, int length) {
        for (int i = 0; i < length; i++) {
            accept(chunk[i]);
        }
    }

    private void accept(byte b) {
        if (b == STX) {
            if (inFrame) {
                listener.corrupt(frame.toByteArray(), "missing ETX: a new STX came after " + frame.size() + " bytes");
            }
            flushGarbage();
            frame.reset();
            frame.write(b);
            inFrame = true;
            return;
        }
        if (!inFrame) {
            garbage.write(b);
            if (garbage.size() >= maxFrame) {
                flushGarbage();
            }
            return;
        }
        frame.write(b);
        if (b == ETX) {
            inFrame = false;
            complete(frame.toByteArray());
            frame.reset();
        } else if (frame.size() >= maxFrame) {
            listener.corrupt(frame.toByteArray(), "over-long frame: no ETX within " + maxFrame + " bytes");
            frame.reset();
            inFrame = false;
            overLong = true;
        }
    }

    /** The port failed: a frame in progress will never end. */
    void reset(String why) {
        if (inFrame) {
            listener.corrupt(frame.toByteArray(), "frame cut: " + why);
        }
        flushGarbage();
        frame.reset();
        inFrame = false;
    }

    private void flushGarbage() {
        if (garbage.size() > 0) {
            listener.corrupt(garbage.toByteArray(), overLong
                    ? garbage.size() + " bytes after an over-long frame, before the next STX"
                    : garbage.size() + " bytes of garbage between frames");
            garbage.reset();
        }
        overLong = false;
    }

    private void complete(byte[] raw) {
        // STX + payload + 2 checksum digits + CR LF + ETX
        int n = raw.length;
        if (n < 6 || raw[n - 3] != CR || raw[n - 2] != LF) {
            listener.corrupt(raw, "no CR LF before ETX");
            return;
        }
        int payloadEnd = n - 5;
        String stated = new String(raw, payloadEnd, 2, StandardCharsets.US_ASCII);
        int computed = 0;
        for (int i = 1; i < payloadEnd; i++) {
            computed ^= raw[i] & 0xFF;
        }
        String expected = String.format(Locale.ROOT, "%02X", computed);
        if (!stated.equals(expected)) {
            listener.corrupt(raw, "checksum '" + printable(stated) + "', computed " + expected);
            return;
        }
        listener.frame(raw, new String(raw, 1, payloadEnd - 1, StandardCharsets.US_ASCII));
    }

    private static String printable(String s) {
        StringBuilder b = new StringBuilder();
        for (char c : s.toCharArray()) {
            b.append(c >= 0x20 && c < 0x7F ? String.valueOf(c) : String.format(Locale.ROOT, "\\x%02X", (int) c));
        }
        return b.toString();
    }

    /** Checksum of a payload as the reader writes it (for tests and the simulator's twin). */
    static String checksum(String payload) {
        int x = 0;
        for (byte b : payload.getBytes(StandardCharsets.US_ASCII)) {
            x ^= b & 0xFF;
        }
        return String.format(Locale.ROOT, "%02X", x);
    }
}
