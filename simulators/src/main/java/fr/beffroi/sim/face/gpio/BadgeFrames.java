package fr.beffroi.sim.face.gpio;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.Locale;

/**
 * The ASCII frame of common badge readers:
 * {@code STX + card id in hex + 2 hex of the XOR of the card bytes + CR LF + ETX}. Hand-written, as
 * on the driver's side: there is no library for a framing this small.
 */
public final class BadgeFrames {

    public static final byte STX = 0x02;
    public static final byte ETX = 0x03;

    private BadgeFrames() {
    }

    /** The frame a reader sends for card {@code hex} (an even number of hex digits). */
    public static byte[] encode(String hex) {
        String card = hex.toUpperCase(Locale.ROOT);
        int x = 0;
        for (byte b : HexFormat.of().parseHex(card)) {
            x ^= b & 0xFF;
        }
        String body = card + String.format(Locale.ROOT, "%02X", x) + "\r\n";
        byte[] text = body.getBytes(StandardCharsets.US_ASCII);
        byte[] frame = new byte[text.length + 2];
        frame[0] = STX;
        System.arraycopy(text, 0, frame, 1, text.length);
        frame[frame.length - 1] = ETX;
        return frame;
    }
}
