package fr.beffroi.sim.model.building;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Objects;
import java.util.Set;

/**
 * When a zone is scheduled to be occupied, in local time (a town hall opens 08:30–17:30 on weekdays,
 * a sports hall in the evening and at weekends).
 *
 * @param days the days of use
 * @param from opening, local time
 * @param to   closing, local time (after {@code from})
 * @param zone the local time zone
 */
public record Occupancy(Set<DayOfWeek> days, LocalTime from, LocalTime to, ZoneId zone) {

  public static final ZoneId PARIS = ZoneId.of("Europe/Paris");
  public static final Set<DayOfWeek> WEEKDAYS = Set.of(DayOfWeek.MONDAY, DayOfWeek.TUESDAY,
      DayOfWeek.WEDNESDAY, DayOfWeek.THURSDAY, DayOfWeek.FRIDAY);

  public Occupancy {
    days = Set.copyOf(days);
    Objects.requireNonNull(from, "from");
    Objects.requireNonNull(to, "to");
    Objects.requireNonNull(zone, "zone");
    if (!to.isAfter(from)) {
      throw new IllegalArgumentException("occupancy must end after it starts: " + from + ".." + to);
    }
  }

  /** Never occupied: for tests of the building physics alone. */
  public static Occupancy never() {
    return new Occupancy(Set.of(), LocalTime.MIDNIGHT, LocalTime.NOON, PARIS);
  }

  public static Occupancy weekdays(LocalTime from, LocalTime to) {
    return new Occupancy(WEEKDAYS, from, to, PARIS);
  }

  public boolean scheduled(Instant at) {
    ZonedDateTime local = at.atZone(zone);
    LocalTime time = local.toLocalTime();
    return days.contains(local.getDayOfWeek()) && !time.isBefore(from) && time.isBefore(to);
  }
}
