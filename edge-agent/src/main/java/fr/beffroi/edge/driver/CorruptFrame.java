package fr.beffroi.edge.driver;

import java.time.Instant;
import java.util.HexFormat;
import java.util.Objects;

/**
 * A frame a driver received but could not trust (bad checksum, missing end byte, garbage between
 * frames). It is kept raw, with the reason, so that a technician can see what the wire carried:
 * a driver never guesses a value out of a corrupt frame.
 *
 * @param device the device id from the gateway config
 * @param at     when the frame was received
 * @param raw    the bytes as received (a copy)
 * @param reason what was wrong, in words a technician reads ("checksum 3A, computed 3B")
 */
public record CorruptFrame(String device, Instant at, byte[] raw, String reason) {
    public CorruptFrame {
        Objects.requireNonNull(device, "device");
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(reason, "reason");
        raw = raw.clone();
    }

    @Override
    public byte[] raw() {
        return raw.clone();
    }

    /** The raw bytes in hex, for logs and the dead-letter table. */
    public String rawHex() {
        return HexFormat.of().formatHex(raw);
    }

    @Override
    public String toString() {
        return "CorruptFrame[" + device + " at " + at + ": " + reason + ", raw=" + rawHex() + "]";
    }
}
