package fr.beffroi.profiles.wire;

import java.time.Instant;
import java.util.Objects;

/**
 * One value of one point of one device at one instant, as the edge took it.
 *
 * @param seq     the gateway's sequence number for this reading: strictly increasing per gateway,
 *                never reused, so that the cloud can store each reading exactly once
 * @param device  device id, unique within the gateway's tenant
 * @param point   point name from the device's profile (e.g. {@code W}, {@code WH})
 * @param ts      when the value was read at the edge
 * @param value   the scaled value, in {@code unit}
 * @param unit    UCUM code ({@code W}, {@code W.h}, {@code V}, {@code Hz}, {@code 1} for dimensionless)
 * @param quality how far the value can be trusted
 */
public record Reading(long seq, String device, String point, Instant ts, double value, String unit,
                      Quality quality) {
    public Reading {
        Objects.requireNonNull(device, "device");
        Objects.requireNonNull(point, "point");
        Objects.requireNonNull(ts, "ts");
        Objects.requireNonNull(unit, "unit");
        Objects.requireNonNull(quality, "quality");
    }

    /** The same reading under another sequence number (the buffer assigns them). */
    public Reading withSeq(long newSeq) {
        return new Reading(newSeq, device, point, ts, value, unit, quality);
    }
}
