package fr.beffroi.sim.face.serial;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.Locale;

/** RMC and GGA sentences of NMEA 0183, with their checksum and CR LF, as a GPS receiver writes them. */
public final class NmeaSentences {

  private NmeaSentences() {
  }

  /** {@code $GPRMC}: a valid fix at {@code at}, speed in km/h (written in knots), course in degrees. */
  public static String rmc(Instant at, double lat, double lon, double speedKmh, double courseDeg) {
    ZonedDateTime t = at.atZone(ZoneOffset.UTC);
    String body = String.format(Locale.ROOT, "GPRMC,%s,A,%s,%s,%.1f,%.1f,%02d%02d%02d,,,A", time(t), lat(lat),
        lon(lon), speedKmh / 1.852, courseDeg, t.getDayOfMonth(), t.getMonthValue(), t.getYear() % 100);
    return sentence(body);
  }

  /** {@code $GPGGA}: fix quality 1, {@code sats} satellites, {@code hdop}, altitude in metres. */
  public static String gga(Instant at, double lat, double lon, int sats, double hdop, double altM) {
    String body = String.format(Locale.ROOT, "GPGGA,%s,%s,%s,1,%02d,%.1f,%.1f,M,46.2,M,,", time(at.atZone(ZoneOffset.UTC)),
        lat(lat), lon(lon), sats, hdop, altM);
    return sentence(body);
  }

  public static String sentence(String body) {
    int x = 0;
    for (int i = 0; i < body.length(); i++) {
      x ^= body.charAt(i);
    }
    return "$" + body + String.format(Locale.ROOT, "*%02X\r\n", x);
  }

  private static String time(ZonedDateTime t) {
    return String.format(Locale.ROOT, "%02d%02d%02d.%02d", t.getHour(), t.getMinute(), t.getSecond(),
        t.getNano() / 10_000_000);
  }

  private static String lat(double lat) {
    return degreesMinutes(Math.abs(lat), 2) + (lat >= 0 ? ",N" : ",S");
  }

  private static String lon(double lon) {
    return degreesMinutes(Math.abs(lon), 3) + (lon >= 0 ? ",E" : ",W");
  }

  /** {@code ddmm.mmmmm}, the minutes rounded first so that 59.999999 becomes the next degree. */
  private static String degreesMinutes(double a, int degreeDigits) {
    long d = (long) a;
    long minutes100k = Math.round((a - d) * 60 * 100_000);
    if (minutes100k >= 60L * 100_000) {
      d++;
      minutes100k -= 60L * 100_000;
    }
    return String.format(Locale.ROOT, "%0" + degreeDigits + "d%02d.%05d", d, minutes100k / 100_000, minutes100k % 100_000);
  }
}
