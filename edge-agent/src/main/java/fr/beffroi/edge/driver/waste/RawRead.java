package fr.beffroi.edge.driver.waste;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.regex.Pattern;

/**
 * One raw read of the bin-lift reader, decoded from a frame's payload (see the profile
 * {@code waste/binlift-rfid} for the fields). Several reads of one tag inside the lift window make
 * one lift ({@link LiftMerger}).
 *
 * @param at     when the edge received the frame
 * @param side   the lifter
 * @param tag    the tag, normalised to 16 hex digits MSB left; empty when the reader read none
 * @param status the reader's verdict
 * @param gross  gross kg, when the lifter weighed
 * @param tare   tare kg, when the lifter weighed
 * @param weighing how it weighed
 * @param stream the waste stream, when the reader knows it
 * @param fix    the truck's GPS fix when the frame arrived
 */
record RawRead(Instant at, Side side, Optional<String> tag, Status status, OptionalDouble gross, OptionalDouble tare,
               Weighing weighing, Optional<String> stream, Optional<Fix> fix) {

    enum Side { LEFT, RIGHT, COMB, MANUAL }

    enum Status { OK, NO_TAG, UNKNOWN_TAG, BLOCKED, DUPLICATE }

    enum Weighing { STABLE, DYNAMIC, NONE }

    static final List<String> STREAMS = List.of("OMR", "EMB", "BIO");
    private static final Pattern KG = Pattern.compile("\\d{1,4}(\\.\\d)?");

    RawRead {
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(side, "side");
        Objects.requireNonNull(tag, "tag");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(gross, "gross");
        Objects.requireNonNull(tare, "tare");
        Objects.requireNonNull(weighing, "weighing");
        Objects.requireNonNull(stream, "stream");
        Objects.requireNonNull(fix, "fix");
    }

    /**
     * Decodes a payload {@code side;tag;status;gross;tare;weighing;stream}.
     *
     * @throws IllegalArgumentException naming the field at fault; the frame is then corrupt
     */
    static RawRead parse(String payload, Instant at, TagNormaliser tags, Optional<Fix> fix) {
        String[] f = payload.split(";", -1);
        if (f.length != 7) {
            throw new IllegalArgumentException("payload has " + f.length + " fields, expected 7"
                    + " (side;tag;status;gross;tare;weighing;stream)");
        }
        Side side = switch (f[0]) {
            case "L" -> Side.LEFT;
            case "R" -> Side.RIGHT;
            case "C" -> Side.COMB;
            case "M" -> Side.MANUAL;
            default -> throw new IllegalArgumentException("side '" + f[0] + "' is not L, R, C or M");
        };
        Status status = switch (f[2]) {
            case "O" -> Status.OK;
            case "N" -> Status.NO_TAG;
            case "U" -> Status.UNKNOWN_TAG;
            case "B" -> Status.BLOCKED;
            case "D" -> Status.DUPLICATE;
            default -> throw new IllegalArgumentException("status '" + f[2] + "' is not O, N, U, B or D");
        };
        Optional<String> tag;
        if (status == Status.NO_TAG) {
            if (!f[1].isEmpty()) {
                throw new IllegalArgumentException("status N (no tag) with tag '" + f[1] + "'");
            }
            tag = Optional.empty();
        } else {
            if (f[1].isEmpty()) {
                throw new IllegalArgumentException("status " + f[2] + " without a tag");
            }
            tag = Optional.of(tags.normalise(f[1]));
        }
        OptionalDouble gross = kg("gross", f[3]);
        OptionalDouble tare = kg("tare", f[4]);
        if (gross.isPresent() != tare.isPresent()) {
            throw new IllegalArgumentException("gross '" + f[3] + "' and tare '" + f[4] + "': both or neither");
        }
        Weighing weighing = switch (f[5]) {
            case "S" -> Weighing.STABLE;
            case "D" -> Weighing.DYNAMIC;
            case "" -> Weighing.NONE;
            default -> throw new IllegalArgumentException("weighing '" + f[5] + "' is not S, D or empty");
        };
        if ((weighing == Weighing.NONE) == gross.isPresent()) {
            throw new IllegalArgumentException("weighing '" + f[5] + "' does not agree with gross '" + f[3] + "'");
        }
        if (!f[6].isEmpty() && !STREAMS.contains(f[6])) {
            throw new IllegalArgumentException("stream '" + f[6] + "' is not one of " + STREAMS + " or empty");
        }
        Optional<String> stream = f[6].isEmpty() ? Optional.empty() : Optional.of(f[6]);
        return new RawRead(at, side, tag, status, gross, tare, weighing, stream, fix);
    }

    private static OptionalDouble kg(String field, String text) {
        if (text.isEmpty()) {
            return OptionalDouble.empty();
        }
        if (!KG.matcher(text).matches()) {
            throw new IllegalArgumentException(field + " '" + text + "' is not kg as 1 to 4 digits and at most 1 decimal");
        }
        return OptionalDouble.of(Double.parseDouble(text));
    }
}
