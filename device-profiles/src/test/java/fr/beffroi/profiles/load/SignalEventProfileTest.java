package fr.beffroi.profiles.load;

import fr.beffroi.profiles.model.DeviceProfile;
import fr.beffroi.profiles.model.EventSpec;
import fr.beffroi.profiles.model.SignalSpec;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class SignalEventProfileTest {
    private static final String DOOR = """
            id: test-door
            version: 1
            family: access
            signals:
              - {name: lock, unit: "1", writable: true, min: 0, max: 1, description: 1 = unlocked}
              - {name: contact, unit: "1"}
            events:
              - name: lift
                unit: kg
                attrs:
                  - {name: tag, required: true, pattern: "[0-9A-F]{16}"}
                  - {name: side, symbols: [LEFT, RIGHT]}
            """;

    private final ProfileLoader loader = new ProfileLoader();

    @Test
    void loadsSignalsAndEvents() {
        DeviceProfile p = loader.parse("profiles/access/test-door.yaml", DOOR);

        assertThat(p.signals()).extracting(SignalSpec::name).containsExactly("lock", "contact");
        assertThat(p.signal("lock").orElseThrow().commandProblem(1)).isEmpty();
        assertThat(p.signal("lock").orElseThrow().commandProblem(2)).hasValueSatisfying(m -> assertThat(m).contains("outside"));
        assertThat(p.signal("contact").orElseThrow().commandProblem(0)).hasValue("point 'contact' is not writable");
        EventSpec lift = p.event("lift").orElseThrow();
        assertThat(lift.problems(Map.of("tag", "0000000000ABCDEF", "side", "LEFT"))).isEmpty();
        assertThat(lift.problems(Map.of("side", "UP", "extra", "x"))).containsExactly(
                "lift.tag: missing",
                "lift.side: 'UP' is not one of LEFT, RIGHT",
                "lift.extra: not an attribute of this event (declared: tag, side)");
        assertThat(lift.problems(Map.of("tag", "abc"))).containsExactly("lift.tag: 'abc' does not match [0-9A-F]{16}");
    }

    @Test
    void reportsEveryProblemOfSignalsAndEventsAtOnce() {
        String bad = """
                id: test-door
                version: 1
                family: access
                signals:
                  - {name: lock, unit: "1", writable: true}
                  - {name: lock, unit: furlong, min: 0}
                events:
                  - name: lift
                    unit: "1"
                    attrs:
                      - {name: Tag, pattern: "[0-9"}
                      - {name: Tag, symbols: [A, A, 3]}
                """;
        ProfileValidationException e = catchThrowableOfType(ProfileValidationException.class,
                () -> loader.parse("profiles/access/test-door.yaml", bad));

        assertThat(e.getMessage()).contains("events[0].attrs[1].symbols[2]: expected a string");

        String bad2 = bad.replace("[A, A, 3]", "[A, A]");
        e = catchThrowableOfType(ProfileValidationException.class, () -> loader.parse("profiles/access/test-door.yaml", bad2));
        assertThat(e.getMessage())
                .contains("signals[0].max: a writable signal needs min and max")
                .contains("signals[1].name: duplicate point name 'lock'")
                .contains("signals[1].unit: unknown UCUM unit 'furlong'")
                .contains("signals[1].min: only writable signals take min and max")
                .contains("events[0].attrs[0].pattern: not a regular expression")
                .contains("events[0].attrs[0].name: 'Tag' must start with a lower-case letter")
                .contains("events[0].attrs[1].name: duplicate attribute 'Tag'")
                .contains("events[0].attrs[1].symbols: duplicate symbol");
    }
}
