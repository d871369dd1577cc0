/**
 * Serial faces of the truck: the bin-lift reader ({@link fr.beffroi.sim.face.serial.BinLiftReaderFace},
 * ASCII STX … XOR … CR LF ETX frames of profile {@code waste/binlift-rfid}, with an injectable
 * corrupt-frame rate) and the GPS receiver ({@link fr.beffroi.sim.face.serial.GpsFace}, NMEA 0183 RMC and
 * GGA), each writing to one end of a serial line — a socat pty pair in tests
 * ({@link fr.beffroi.sim.face.modbusrtu.PtyPair}). The frames are pure functions
 * ({@link fr.beffroi.sim.face.serial.LiftFrames}, {@link fr.beffroi.sim.face.serial.NmeaSentences}).
 */
package fr.beffroi.sim.face.serial;
