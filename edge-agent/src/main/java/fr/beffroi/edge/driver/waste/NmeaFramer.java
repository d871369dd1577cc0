package fr.beffroi.edge.driver.waste;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Objects;

/**
 * Cuts an NMEA 0183 byte stream into sentences {@code $body*HH CR LF} (at most {@value #MAX_SENTENCE}
 * characters, {@code HH} the XOR of the body's characters) and checks each checksum.
 *
 * <p>Hand-written on purpose: only two sentence types are needed, the format is tiny and fixed by
 * the standard, and the Java NMEA libraries around are either unmaintained or far larger than what
 * they would replace here.
 *
 * <p>Refused, with the reason: bytes outside a sentence (blank CR/LF between sentences excepted), a
 * sentence cut by a new {@code $}, one longer than the standard allows, one without {@code *HH}, and
 * a checksum that does not match. Not thread-safe.
 */
final class NmeaFramer {

    static final int MAX_SENTENCE = 82;

    private final FrameListener listener;
    private final ByteArrayOutputStream sentence = new ByteArrayOutputStream();
    private final ByteArrayOutputStream garbage = new ByteArrayOutputStream();
    private boolean inSentence;

    NmeaFramer(FrameListener listener) {
        this.listener = Objects.requireNonNull(listener, "listener");
    }

    void accept(byte[] chunk, int length) {
        for (int i = 0; i < length; i++) {
            accept(chunk[i]);
        }
    }

    private void accept(byte b) {
        if (b == '$') {
            if (inSentence) {
                listener.corrupt(sentence.toByteArray(), "sentence cut: a new '$' came after " + sentence.size() + " bytes");
            }
            flushGarbage();
            sentence.reset();
            sentence.write(b);
            inSentence = true;
            return;
        }
        if (!inSentence) {
            if (b != '\r' && b != '\n') {
                garbage.write(b);
                if (garbage.size() >= MAX_SENTENCE) {
                    flushGarbage();
                }
            }
            return;
        }
        sentence.write(b);
        if (b == '\n') {
            inSentence = false;
            complete(sentence.toByteArray());
            sentence.reset();
        } else if (sentence.size() > MAX_SENTENCE) {
            listener.corrupt(sentence.toByteArray(), "over-long sentence: no CR LF within " + MAX_SENTENCE + " bytes");
            sentence.reset();
            inSentence = false;
        }
    }

    /** The port failed: a sentence in progress will never end. */
    void reset(String why) {
        if (inSentence) {
            listener.corrupt(sentence.toByteArray(), "sentence cut: " + why);
        }
        flushGarbage();
        sentence.reset();
        inSentence = false;
    }

    private void flushGarbage() {
        if (garbage.size() > 0) {
            listener.corrupt(garbage.toByteArray(), garbage.size() + " bytes of garbage between sentences");
            garbage.reset();
        }
    }

    private void complete(byte[] raw) {
        String text = new String(raw, StandardCharsets.US_ASCII);
        if (!text.endsWith("\r\n")) {
            listener.corrupt(raw, "no CR before LF");
            return;
        }
        int star = text.lastIndexOf('*');
        if (star < 0 || star != text.length() - 5) {
            listener.corrupt(raw, "no '*HH' checksum before CR LF");
            return;
        }
        String body = text.substring(1, star);
        String stated = text.substring(star + 1, star + 3).toUpperCase(Locale.ROOT);
        String computed = checksum(body);
        if (!stated.equals(computed)) {
            listener.corrupt(raw, "checksum '" + text.substring(star + 1, star + 3) + "', computed " + computed);
            return;
        }
        listener.frame(raw, body);
    }

    static String checksum(String body) {
        int x = 0;
        for (int i = 0; i < body.length(); i++) {
            x ^= body.charAt(i) & 0xFF;
        }
        return String.format(Locale.ROOT, "%02X", x);
    }
}
