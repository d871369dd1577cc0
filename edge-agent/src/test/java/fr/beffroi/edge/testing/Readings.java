package fr.beffroi.edge.testing;

import fr.beffroi.profiles.wire.Quality;
import fr.beffroi.profiles.wire.Reading;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Readings to feed the buffer, seq 0 as drivers return them. */
public final class Readings {
    private Readings() {
    }

    public static List<Reading> of(String device, int count, Instant ts) {
        List<Reading> out = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            out.add(new Reading(0, device, "W", ts.plusMillis(i), 1000.0 + i, "W", Quality.GOOD));
        }
        return out;
    }
}
