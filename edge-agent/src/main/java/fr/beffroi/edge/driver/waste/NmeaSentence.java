package fr.beffroi.edge.driver.waste;

import java.util.Optional;
import java.util.OptionalDouble;

/**
 * The NMEA 0183 sentences the GPS driver uses, decoded from a sentence body whose checksum already
 * held ({@link NmeaFramer}): RMC (recommended minimum: validity, position, speed, course) and GGA
 * (fix data: quality, position, satellites, HDOP, altitude). Any other type is {@link Other}, ignored.
 */
sealed interface NmeaSentence {

    /** A latitude and longitude in signed decimal degrees. */
    record Position(double lat, double lon) {
    }

    /** RMC: {@code valid} is its status A (V: void, the receiver has no fix). */
    record Rmc(boolean valid, Optional<Position> position, OptionalDouble speedKnots, OptionalDouble course)
            implements NmeaSentence {
    }

    /** GGA: {@code quality} 0 none, 1 GPS, 2 DGPS (higher values are kept as stated). */
    record Gga(int quality, Optional<Position> position, OptionalDouble sats, OptionalDouble hdop, OptionalDouble altM)
            implements NmeaSentence {
    }

    /** A sentence type the driver does not use (GSV, GSA, VTG …). */
    record Other(String type) implements NmeaSentence {
    }

    /**
     * Decodes a body ({@code GPRMC,...} without {@code $} and checksum); any talker ({@code GP},
     * {@code GN}, {@code GL}, {@code GA}).
     *
     * @throws IllegalArgumentException naming the field at fault
     */
    static NmeaSentence parse(String body) {
        String[] f = body.split(",", -1);
        String address = f[0];
        if (address.length() != 5 || !address.chars().allMatch(c -> c >= 'A' && c <= 'Z')) {
            throw new IllegalArgumentException("address '" + address + "' is not a talker and a sentence type");
        }
        String type = address.substring(2);
        switch (type) {
            case "RMC": {
                need(f, 10, "RMC");
                boolean valid = switch (f[2]) {
                    case "A" -> true;
                    case "V" -> false;
                    default -> throw new IllegalArgumentException("RMC status '" + f[2] + "' is not A or V");
                };
                return new Rmc(valid, position(f[3], f[4], f[5], f[6]), number("RMC speed", f[7]),
                        number("RMC course", f[8]));
            }
            case "GGA": {
                need(f, 10, "GGA");
                int quality;
                try {
                    quality = Integer.parseInt(f[6]);
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException("GGA fix quality '" + f[6] + "' is not a number");
                }
                return new Gga(quality, position(f[2], f[3], f[4], f[5]), number("GGA satellites", f[7]),
                        number("GGA hdop", f[8]), number("GGA altitude", f[9]));
            }
            default:
                return new Other(type);
        }
    }

    private static void need(String[] f, int fields, String type) {
        if (f.length < fields) {
            throw new IllegalArgumentException(type + " has " + f.length + " fields, needs at least " + fields);
        }
    }

    private static OptionalDouble number(String what, String text) {
        if (text.isEmpty()) {
            return OptionalDouble.empty();
        }
        try {
            return OptionalDouble.of(Double.parseDouble(text));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(what + " '" + text + "' is not a number");
        }
    }

    /** {@code ddmm.mmmm,N} and {@code dddmm.mmmm,E}; empty when both fields are empty (no fix). */
    private static Optional<Position> position(String lat, String ns, String lon, String ew) {
        if (lat.isEmpty() && ns.isEmpty() && lon.isEmpty() && ew.isEmpty()) {
            return Optional.empty();
        }
        double la = degrees("latitude", lat, 2, 90);
        double lo = degrees("longitude", lon, 3, 180);
        la = switch (ns) {
            case "N" -> la;
            case "S" -> -la;
            default -> throw new IllegalArgumentException("hemisphere '" + ns + "' is not N or S");
        };
        lo = switch (ew) {
            case "E" -> lo;
            case "W" -> -lo;
            default -> throw new IllegalArgumentException("hemisphere '" + ew + "' is not E or W");
        };
        return Optional.of(new Position(la, lo));
    }

    private static double degrees(String what, String text, int degreeDigits, double max) {
        int dot = text.indexOf('.');
        int intLength = dot < 0 ? text.length() : dot;
        if (intLength != degreeDigits + 2 || !text.matches("\\d+(\\.\\d+)?")) {
            throw new IllegalArgumentException(what + " '" + text + "' is not " + "d".repeat(degreeDigits) + "mm.mmmm");
        }
        double degrees = Integer.parseInt(text.substring(0, degreeDigits));
        double minutes = Double.parseDouble(text.substring(degreeDigits));
        if (minutes >= 60 || degrees + minutes / 60 > max) {
            throw new IllegalArgumentException(what + " '" + text + "' is out of range");
        }
        return degrees + minutes / 60;
    }
}
