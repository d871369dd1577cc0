package fr.beffroi.rules.model;

import java.time.ZoneId;
import java.util.Objects;

/**
 * Where the tenant is, for sunrise/sunset, and the time zone its cron expressions are read in.
 *
 * @param latitude  degrees, north positive
 * @param longitude degrees, east positive
 */
public record Location(double latitude, double longitude, ZoneId zone) {
    public static final ZoneId DEFAULT_ZONE = ZoneId.of("Europe/Paris");

    public Location {
        Objects.requireNonNull(zone, "zone");
        if (!(latitude >= -90 && latitude <= 90) || !(longitude >= -180 && longitude <= 180)) {
            throw new IllegalArgumentException("latitude/longitude out of range: " + latitude + ", " + longitude);
        }
    }
}
