package fr.beffroi.ingest.booking;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * What makes a slot and a holder acceptable, pure so that it is tested without a database. Every
 * problem is returned at once, each naming its field.
 */
public final class BookingRules {
    /** Room ids are rule-file and config ids: no separators, no wildcards. */
    public static final Pattern ROOM = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0,63}");
    /** A badge UID as readers print it: 4 to 10 bytes in hex (MIFARE 4/7 bytes, others up to 10). */
    public static final Pattern BADGE = Pattern.compile("(?:[0-9A-F]{2}){4,10}");
    /** A keypad code. */
    public static final Pattern CODE = Pattern.compile("[0-9]{4,8}");
    /** A slot may start this little in the past: a booking typed as the meeting begins. */
    public static final Duration PAST_SLACK = Duration.ofMinutes(15);
    public static final Duration MAX_LENGTH = Duration.ofHours(24);
    public static final Duration MAX_AHEAD = Duration.ofDays(366);

    private BookingRules() {
    }

    /** Problems of a slot asked at {@code now}; empty when acceptable. */
    public static List<String> slotProblems(Instant start, Instant end, Instant now) {
        List<String> p = new ArrayList<>();
        if (start == null) p.add("start: required");
        if (end == null) p.add("end: required");
        if (start == null || end == null) return p;
        if (!end.isAfter(start)) p.add("end: must be after start (" + start + "), was " + end);
        if (Duration.between(start, end).compareTo(MAX_LENGTH) > 0) {
            p.add("end: a booking lasts at most " + MAX_LENGTH.toHours() + " h, this one " + Duration.between(start, end));
        }
        if (start.isBefore(now.minus(PAST_SLACK))) {
            p.add("start: may be at most " + PAST_SLACK.toMinutes() + " min in the past, was " + start);
        }
        if (start.isAfter(now.plus(MAX_AHEAD))) p.add("start: at most " + MAX_AHEAD.toDays() + " days ahead, was " + start);
        return p;
    }

    public static List<String> roomProblems(String room) {
        if (room == null) return List.of("room: required");
        return ROOM.matcher(room).matches() ? List.of() : List.of("room: must match " + ROOM.pattern() + ", was " + room);
    }

    /**
     * The holder's credential as doors compare it: a badge (hex, upper-cased here) or a code
     * (digits); exactly one of them.
     *
     * @throws IllegalArgumentException naming the field when neither or both are given, or one is malformed
     */
    public static String credential(String badge, String code) {
        if ((badge == null) == (code == null)) throw new IllegalArgumentException("give exactly one of badge or code");
        if (badge != null) {
            String b = badge.toUpperCase(Locale.ROOT);
            if (!BADGE.matcher(b).matches()) {
                throw new IllegalArgumentException("badge: 8 to 20 hex digits (4 to 10 bytes), was " + badge);
            }
            return b;
        }
        if (!CODE.matcher(code).matches()) throw new IllegalArgumentException("code: 4 to 8 digits");
        return code;
    }
}
