package fr.beffroi.rules.eval;

import fr.beffroi.rules.model.Aggregate;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

class InputWindowTest {
    private static final Instant T0 = Instant.parse("2026-01-15T00:00:00Z");

    @Test
    void keepsOnlyWhatTheWindowNeeds() {
        InputWindow w = new InputWindow(Aggregate.MAX, Duration.ofMinutes(1));
        for (int s = 0; s < 3600; s++) {
            w.add(T0.plusSeconds(s), s, T0.plusSeconds(s));
        }
        assertThat(w.size()).isEqualTo(60);
        assertThat(w.value(T0.plusSeconds(3599)).getAsDouble()).isEqualTo(3599);
        assertThat(w.value(T0.plusSeconds(5000))).isEmpty();
    }

    @Test
    void aLateReadingTakesItsPlace() {
        InputWindow w = new InputWindow(Aggregate.MIN, Duration.ofMinutes(10));
        w.add(T0.plusSeconds(60), 5, T0.plusSeconds(60));
        w.add(T0.plusSeconds(120), 7, T0.plusSeconds(120));
        w.add(T0.plusSeconds(30), 3, T0.plusSeconds(120));
        assertThat(w.value(T0.plusSeconds(120)).getAsDouble()).isEqualTo(3);
        assertThat(w.value(T0.plusSeconds(30 + 600)).getAsDouble()).isEqualTo(5);
    }
}
