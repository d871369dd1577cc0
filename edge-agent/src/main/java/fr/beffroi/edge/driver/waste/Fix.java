package fr.beffroi.edge.driver.waste;

import java.time.Instant;
import java.util.Objects;
import java.util.OptionalDouble;

/**
 * A GPS position as the receiver last stated it.
 *
 * @param at      when the edge received it (the edge clock, so that a lift can tell its age)
 * @param lat     WGS84 latitude, degrees, north positive
 * @param lon     WGS84 longitude, degrees, east positive
 * @param quality 1 GPS, 2 DGPS (GGA's fix quality; 1 when only RMC said "valid")
 * @param hdop    horizontal dilution of precision, when a GGA gave it
 * @param sats    satellites used, when a GGA gave them
 * @param altM    altitude above mean sea level in metres, when a GGA gave it
 * @param speedKmh speed over ground, when an RMC gave it
 * @param course  course over ground in degrees, when an RMC gave it
 */
public record Fix(Instant at, double lat, double lon, int quality, OptionalDouble hdop, OptionalDouble sats,
                  OptionalDouble altM, OptionalDouble speedKmh, OptionalDouble course) {
    public Fix {
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(hdop, "hdop");
        Objects.requireNonNull(sats, "sats");
        Objects.requireNonNull(altM, "altM");
        Objects.requireNonNull(speedKmh, "speedKmh");
        Objects.requireNonNull(course, "course");
    }
}
