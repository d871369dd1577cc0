package fr.beffroi.profiles.wire;

import com.fasterxml.jackson.annotation.JacksonInject;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonSetter;
import com.fasterxml.jackson.annotation.Nulls;
import com.fasterxml.jackson.annotation.OptBoolean;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
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
 * @param attrs   what an event carries besides its one number (a bin lift's RFID tag, status, lifter
 *                side, position...), text keys to text values, in the order given; never null, empty
 *                for a plain sample. On the wire: omitted when empty, optional on input (absent is
 *                empty) — the one optional field of the contract, see {@link WireCodec}
 */
public record Reading(long seq, String device, String point, Instant ts, double value, String unit,
                      Quality quality,
                      // Absent from the JSON: WireCodec injects an empty map (useInput: present wins); an
                      // explicit null, or a null value inside, is refused with its path.
                      @JacksonInject(value = Reading.NO_ATTRS, useInput = OptBoolean.TRUE)
                      @JsonInclude(JsonInclude.Include.NON_EMPTY)
                      @JsonSetter(nulls = Nulls.FAIL, contentNulls = Nulls.FAIL)
                      @JsonDeserialize(contentUsing = WireCodec.TextOnly.class)
                      Map<String, String> attrs) {
    /** The injectable id under which WireCodec's mapper holds the empty attribute map. */
    static final String NO_ATTRS = "fr.beffroi.profiles.wire.Reading.noAttrs";

    public Reading {
        Objects.requireNonNull(device, "device");
        Objects.requireNonNull(point, "point");
        Objects.requireNonNull(ts, "ts");
        Objects.requireNonNull(unit, "unit");
        Objects.requireNonNull(quality, "quality");
        Objects.requireNonNull(attrs, "attrs");
        // Plain samples (nearly every reading) share the one empty map; an event's attributes are
        // copied, keeping their order so that the JSON written is the same on every run.
        if (attrs.isEmpty()) {
            attrs = Map.of();
        } else {
            for (Map.Entry<String, String> e : attrs.entrySet()) {
                Objects.requireNonNull(e.getKey(), "attrs: null key");
                Objects.requireNonNull(e.getValue(), () -> "attrs." + e.getKey() + ": null value");
            }
            attrs = Collections.unmodifiableMap(new LinkedHashMap<>(attrs));
        }
    }

    /** A plain sample: no attributes. */
    public Reading(long seq, String device, String point, Instant ts, double value, String unit, Quality quality) {
        this(seq, device, point, ts, value, unit, quality, Map.of());
    }

    /** The same reading under another sequence number (the buffer assigns them). */
    public Reading withSeq(long newSeq) {
        return new Reading(newSeq, device, point, ts, value, unit, quality, attrs);
    }
}
