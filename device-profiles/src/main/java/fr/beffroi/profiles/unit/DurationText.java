package fr.beffroi.profiles.unit;

import java.time.Duration;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Durations as operators write them in every Beffroi config file and command line: a whole number
 * and a unit ({@code 250ms}, {@code 5s}, {@code 2m}, {@code 1h}, {@code 1d}). A bare number is
 * refused, since its unit would be a guess; so is ISO-8601, to keep one way of writing them.
 */
public final class DurationText {
    private static final Pattern DURATION = Pattern.compile("(\\d{1,12})\\s*(ms|s|m|h|d)");

    private DurationText() {
    }

    /** The duration, or empty when the text is not of that form. */
    public static Optional<Duration> parse(String text) {
        Matcher m = DURATION.matcher(text.strip());
        if (!m.matches()) return Optional.empty();
        long n = Long.parseLong(m.group(1));
        return Optional.of(switch (m.group(2)) {
            case "ms" -> Duration.ofMillis(n);
            case "s" -> Duration.ofSeconds(n);
            case "m" -> Duration.ofMinutes(n);
            case "h" -> Duration.ofHours(n);
            default -> Duration.ofDays(n);
        });
    }

    /**
     * The duration.
     *
     * @throws IllegalArgumentException quoting the text and showing the accepted forms
     */
    public static Duration require(String text) {
        return parse(text).orElseThrow(() -> new IllegalArgumentException(
                "'" + text + "' is not a duration; write a whole number and a unit: 250ms, 5s, 2m, 1h or 1d"));
    }
}
