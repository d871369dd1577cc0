package fr.beffroi.sim.model.waste;

import java.time.Instant;
import java.util.Objects;
import java.util.OptionalDouble;
import java.util.OptionalLong;

/**
 * One bin emptied by the simulated truck.
 *
 * @param at       when the bin went up
 * @param truckSeq the round's lift number (1, 2 …)
 * @param side     the lifter: LEFT, RIGHT or MANUAL (COMB is for 660 L bins, not on this round)
 * @param tag      the ISO 11784 64-bit code of the bin's tag; empty when it could not be read
 * @param status   the reader's verdict
 * @param stream   OMR or EMB, the day's stream
 * @param gross    bin and contents in kg, when the truck weighs
 * @param tare     the empty bin in kg, when the truck weighs
 * @param dynamic  whether the weighing was on the move (else stable)
 * @param reads    how many times the reader read the tag during the lift (duplicate reads &gt; 1)
 * @param lat      WGS84 latitude of the truck
 * @param lon      WGS84 longitude of the truck
 */
public record SimulatedLift(Instant at, long truckSeq, String side, OptionalLong tag, LiftStatus status, String stream,
    OptionalDouble gross, OptionalDouble tare, boolean dynamic, int reads, double lat, double lon) {
  public SimulatedLift {
    Objects.requireNonNull(at, "at");
    Objects.requireNonNull(side, "side");
    Objects.requireNonNull(tag, "tag");
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(stream, "stream");
    Objects.requireNonNull(gross, "gross");
    Objects.requireNonNull(tare, "tare");
    if (reads < 1) {
      throw new IllegalArgumentException("reads must be at least 1, got " + reads);
    }
  }

  /** Net kg, or 0 when not weighed. */
  public double netKg() {
    return gross.isPresent() ? gross.getAsDouble() - tare.getAsDouble() : 0;
  }

  /** The 16 hex digits, MSB left, as the edge normalises it; empty text when no tag was read. */
  public String tagHex() {
    return tag.isPresent() ? String.format(java.util.Locale.ROOT, "%016X", tag.getAsLong()) : "";
  }
}
