/**
 * Waste collection on the truck: the bin-lift RFID reader ({@link fr.beffroi.edge.driver.waste.BinLiftRfidDriver},
 * profile {@code waste/binlift-rfid}) and the NMEA GPS receiver
 * ({@link fr.beffroi.edge.driver.waste.NmeaGpsDriver}, profile {@code waste/nmea-gps}), each on its own
 * serial port through jSerialComm, each with a reading thread that reopens the port when it vanishes.
 *
 * <p>Owns: the byte framing of both streams (hand-written, see the framers), tag normalisation to the
 * ISO 11784 64-bit code ({@link fr.beffroi.edge.driver.waste.TagNormaliser}), merging of raw reads into
 * lifts, and the position seam ({@link fr.beffroi.edge.driver.waste.PositionSource}) through which each
 * lift carries where the truck was. Refused frames go to the agent's
 * {@link fr.beffroi.edge.driver.CorruptFrameSink}. No household data: the tag is the bin's only identifier.
 */
package fr.beffroi.edge.driver.waste;
