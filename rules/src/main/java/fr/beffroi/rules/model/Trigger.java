package fr.beffroi.rules.model;

import fr.beffroi.rules.time.CronSchedule;

import java.time.Duration;
import java.util.Objects;

/** Something that makes a rule evaluate. */
public sealed interface Trigger {

    /** A reading of this device's point arrived. */
    record OnReading(String device, String point) implements Trigger {
        public OnReading {
            Objects.requireNonNull(device, "device");
            Objects.requireNonNull(point, "point");
        }
    }

    /** A Quartz cron expression, in the tenant's time zone. */
    record OnCron(CronSchedule schedule) implements Trigger {
        public OnCron {
            Objects.requireNonNull(schedule, "schedule");
        }
    }

    /** Sunrise or sunset at the tenant's location, shifted by {@code offset} (negative: before). */
    record OnSun(SunEvent event, Duration offset) implements Trigger {
        public OnSun {
            Objects.requireNonNull(event, "event");
            Objects.requireNonNull(offset, "offset");
        }
    }

    /** The start or end of any booking of {@code room}, shifted by {@code offset} (negative: before). */
    record OnBooking(String room, BookingEdge at, Duration offset) implements Trigger {
        public OnBooking {
            Objects.requireNonNull(room, "room");
            Objects.requireNonNull(at, "at");
            Objects.requireNonNull(offset, "offset");
        }
    }
}
