package fr.beffroi.profiles.load;

import fr.beffroi.profiles.model.AttrSpec;
import fr.beffroi.profiles.model.DeviceProfile;
import fr.beffroi.profiles.model.EventSpec;
import fr.beffroi.profiles.model.PointSpec;
import fr.beffroi.profiles.model.RegisterBlock;
import fr.beffroi.profiles.model.SignalSpec;
import fr.beffroi.profiles.unit.UcumUnits;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Second pass for a profile's {@code signals} and {@code events}: names are identifiers unique
 * across the whole profile (an event is a point on the wire), units are allowed UCUM codes, a
 * writable signal is bounded, attribute names are unique and enumerations are not empty.
 */
final class SignalEventSemantics {
    private static final Pattern NAME = Pattern.compile("[A-Za-z][A-Za-z0-9_]*");
    private static final Pattern ATTR_NAME = Pattern.compile("[a-z][A-Za-z0-9_]*");

    private SignalEventSemantics() {
    }

    static void check(String file, DeviceProfile profile, List<String> errors) {
        Set<String> names = new HashSet<>();
        profile.points().stream().map(PointSpec::name).forEach(names::add);
        for (RegisterBlock b : profile.registers()) {
            b.points().forEach(p -> names.add(p.name()));
        }
        for (int i = 0; i < profile.signals().size(); i++) {
            SignalSpec s = profile.signals().get(i);
            String sp = file + ": signals[" + i + "]";
            checkName(sp, s.name(), names, errors);
            checkUnit(sp, s.unit(), errors);
            if (s.writable()) {
                if (s.min().isEmpty() || s.max().isEmpty()) {
                    errors.add(sp + ".max: a writable signal needs min and max (they bound commands)");
                } else if (s.min().get() > s.max().get()) {
                    errors.add(sp + ".min: " + s.min().get() + " is above max " + s.max().get());
                }
            } else if (s.min().isPresent() || s.max().isPresent()) {
                errors.add(sp + ".min: only writable signals take min and max (they bound commands)");
            }
        }
        for (int e = 0; e < profile.events().size(); e++) {
            EventSpec ev = profile.events().get(e);
            String ep = file + ": events[" + e + "]";
            checkName(ep, ev.name(), names, errors);
            checkUnit(ep, ev.unit(), errors);
            Set<String> attrNames = new HashSet<>();
            for (int a = 0; a < ev.attrs().size(); a++) {
                AttrSpec attr = ev.attrs().get(a);
                String ap = ep + ".attrs[" + a + "]";
                if (!ATTR_NAME.matcher(attr.name()).matches()) {
                    errors.add(ap + ".name: '" + attr.name() + "' must start with a lower-case letter, then letters, digits, underscores");
                }
                if (!attrNames.add(attr.name())) {
                    errors.add(ap + ".name: duplicate attribute '" + attr.name() + "'");
                }
                if (attr.symbols().stream().distinct().count() != attr.symbols().size()) {
                    errors.add(ap + ".symbols: duplicate symbol");
                }
                if (attr.symbols().stream().anyMatch(String::isBlank)) {
                    errors.add(ap + ".symbols: a symbol is blank");
                }
            }
        }
    }

    private static void checkName(String prefix, String name, Set<String> names, List<String> errors) {
        if (!NAME.matcher(name).matches()) {
            errors.add(prefix + ".name: '" + name + "' must be letters, digits and underscores, starting with a letter");
        }
        if (!names.add(name)) {
            errors.add(prefix + ".name: duplicate point name '" + name + "'");
        }
    }

    private static void checkUnit(String prefix, String unit, List<String> errors) {
        if (!UcumUnits.isAllowed(unit)) {
            errors.add(prefix + ".unit: unknown UCUM unit '" + unit + "' (allowed: "
                    + String.join(", ", UcumUnits.allowed().stream().sorted().toList()) + ")");
        }
    }
}
