package fr.beffroi.edge.app;

import java.time.Duration;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Durations as operators write them: a whole number and a unit ({@code 250ms}, {@code 5s}, {@code 2m}, {@code 1h}, {@code 1d}). */
public final class Durations {
    private static final Pattern DURATION = Pattern.compile("(\\d{1,12})\\s*(ms|s|m|h|d)");

    private Durations() {
    }

    /** The duration, or empty when the text does not match; a bare number is refused, since its unit would be a guess. */
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
}
