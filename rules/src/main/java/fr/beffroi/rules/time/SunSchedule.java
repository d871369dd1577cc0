package fr.beffroi.rules.time;

import fr.beffroi.rules.model.Location;
import fr.beffroi.rules.model.SunEvent;
import org.shredzone.commons.suncalc.SunTimes;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.util.Objects;
import java.util.Optional;

/** Sunrise and sunset at one location, by commons-suncalc (visual, refraction included). */
public final class SunSchedule {
    /** Far enough to get out of a polar night or day; never reached in France. */
    private static final int MAX_DAYS = 370;

    private final Location location;
    /**
     * The last day computed: suncalc scans the whole day for each call, and {@code daylight} is read
     * at every condition evaluation, so a leap through weeks would otherwise spend its time here.
     */
    private volatile Day last;

    private record Day(LocalDate date, Optional<Instant> rise, Optional<Instant> set) {
    }

    public SunSchedule(Location location) {
        this.location = Objects.requireNonNull(location, "location");
    }

    /** The event on the given local date, or empty when the sun does not rise or set that day. */
    public Optional<Instant> on(LocalDate date, SunEvent event) {
        Day day = last;
        if (day == null || !day.date.equals(date)) {
            day = compute(date);
            last = day;
        }
        return event == SunEvent.SUNRISE ? day.rise : day.set;
    }

    private Day compute(LocalDate date) {
        SunTimes times = SunTimes.compute()
                .on(date)
                .timezone(location.zone())
                .at(location.latitude(), location.longitude())
                .oneDay()
                .execute();
        return new Day(date, Optional.ofNullable(times.getRise()).map(ZonedDateTime::toInstant),
                Optional.ofNullable(times.getSet()).map(ZonedDateTime::toInstant));
    }

    /** The first {@code event + offset} strictly after {@code after}. */
    public Optional<Instant> nextAfter(Instant after, SunEvent event, Duration offset) {
        // start a day early: a negative offset can bring tomorrow's event before today's midnight
        LocalDate day = after.atZone(location.zone()).toLocalDate().minusDays(1);
        for (int i = 0; i < MAX_DAYS; i++, day = day.plusDays(1)) {
            Optional<Instant> t = on(day, event).map(e -> e.plus(offset));
            if (t.isPresent() && t.get().isAfter(after)) {
                return t;
            }
        }
        return Optional.empty();
    }

    /** True between sunrise and sunset of the local day of {@code t}. */
    public boolean daylight(Instant t) {
        LocalDate day = t.atZone(location.zone()).toLocalDate();
        Optional<Instant> rise = on(day, SunEvent.SUNRISE);
        Optional<Instant> set = on(day, SunEvent.SUNSET);
        return rise.isPresent() && set.isPresent() && !t.isBefore(rise.get()) && t.isBefore(set.get());
    }
}
