package fr.beffroi.profiles.model;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Something a device reports when it happens rather than when it is polled: a bin lift, a door
 * forced open, a camera verdict. On the wire an event is a {@code Reading} whose point is the
 * event's name, whose value is its one number (a net weight, a duration; 1 when it has none) and
 * whose {@code attrs} carry the rest as text.
 *
 * @param name        the event's point name, unique in its profile
 * @param unit        UCUM code of the value ("1" when the value is only a marker)
 * @param description free text for people, saying what the value means
 * @param attrs       the text attributes the event may carry, in the order drivers write them
 */
public record EventSpec(String name, String unit, String description, List<AttrSpec> attrs) {
    public EventSpec {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(unit, "unit");
        description = description == null ? "" : description;
        attrs = List.copyOf(attrs);
    }

    public Optional<AttrSpec> attr(String attrName) {
        return attrs.stream().filter(a -> a.name().equals(attrName)).findFirst();
    }

    /**
     * What is wrong with an event's attributes against this spec, one message per problem (empty
     * when they conform): a missing required attribute, one the profile does not declare, a value
     * outside its symbols or pattern. Drivers and tests use it to keep events to their profile.
     */
    public List<String> problems(Map<String, String> values) {
        List<String> problems = new ArrayList<>();
        Set<String> declared = new LinkedHashSet<>();
        for (AttrSpec a : attrs) {
            declared.add(a.name());
            String v = values.get(a.name());
            if (v == null) {
                if (a.required()) {
                    problems.add(name + "." + a.name() + ": missing");
                }
            } else {
                a.problem(v).ifPresent(p -> problems.add(name + "." + a.name() + ": " + p));
            }
        }
        for (String key : values.keySet()) {
            if (!declared.contains(key)) {
                problems.add(name + "." + key + ": not an attribute of this event (declared: "
                        + String.join(", ", declared) + ")");
            }
        }
        return problems;
    }
}
