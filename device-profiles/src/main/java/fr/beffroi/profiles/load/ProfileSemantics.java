package fr.beffroi.profiles.load;

import fr.beffroi.profiles.model.DataType;
import fr.beffroi.profiles.model.DeviceProfile;
import fr.beffroi.profiles.model.Layout;
import fr.beffroi.profiles.model.ModelSpec;
import fr.beffroi.profiles.model.PointSpec;
import fr.beffroi.profiles.model.RegisterBlock;
import fr.beffroi.profiles.unit.UcumUnits;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Second pass: what a well-shaped profile means. Names unique, units from the allowed UCUM set,
 * scale factors that exist, points inside their model and not overlapping, file name agreeing with
 * the profile's id and family; a profile with SunSpec models or plain registers, not both (the
 * registers are checked by {@link RegisterSemantics}).
 */
final class ProfileSemantics {

    private static final Pattern SLUG = Pattern.compile("[a-z0-9][a-z0-9-]*");
    /** SunSpec model IDs are 1..65534; 0xFFFF ends the chain. */
    private static final int MAX_MODEL_ID = 0xFFFE;
    /** Every register of a block must be addressable by one Modbus read chain (65,536 registers). */
    private static final int MAX_LENGTH = 0xFFFF;
    /** RFC 8428 §4.5.1: the characters a SenML name may hold. */
    /** Group readings are named {@code <group><n>.<point>}: keep both parts to identifier characters. */
    private static final Pattern NAME = Pattern.compile("[A-Za-z][A-Za-z0-9_]*");
    private static final Pattern SENML_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9:./_-]*");

    private ProfileSemantics() {
    }

    static void check(String file, DeviceProfile profile, List<String> errors) {
        checkIdentity(file, profile, errors);
        if (profile.models().isEmpty() && profile.registers().isEmpty() && profile.signals().isEmpty()
                && profile.events().isEmpty()) {
            errors.add(file + ": models: at least one model is needed (or registers, for a plain Modbus map; "
                    + "or signals and events, for a device read by its driver)");
        }
        SignalEventSemantics.check(file, profile, errors);
        if (!profile.models().isEmpty() && !profile.registers().isEmpty()) {
            errors.add(file + ": registers: a profile has SunSpec models or plain registers, not both");
        }
        RegisterSemantics.check(file, profile.registers(), errors);
        Set<String> pointNames = new HashSet<>();
        Set<String> modelNames = new HashSet<>();
        Map<Integer, String> modelIds = new HashMap<>();
        for (int m = 0; m < profile.models().size(); m++) {
            ModelSpec model = profile.models().get(m);
            String mp = file + ": models[" + m + "]";
            if (!modelNames.add(model.name())) {
                errors.add(mp + ".name: duplicate model name '" + model.name() + "'");
            }
            if (model.layout() == Layout.SENML) {
                checkSenmlModel(mp, model, pointNames, errors);
                continue;
            }
            if (model.ids().isEmpty()) {
                errors.add(mp + ".ids: at least one model ID is needed");
            }
            for (int i = 0; i < model.ids().size(); i++) {
                int id = model.ids().get(i);
                if (id < 1 || id > MAX_MODEL_ID) {
                    errors.add(mp + ".ids[" + i + "]: model ID " + id + " outside 1.." + MAX_MODEL_ID);
                }
                String previous = modelIds.putIfAbsent(id, model.name());
                if (previous != null) {
                    errors.add(mp + ".ids[" + i + "]: model ID " + id + " already belongs to model '" + previous + "'");
                }
            }
            if (model.length() < 1 || model.length() > MAX_LENGTH) {
                errors.add(mp + ".length: " + model.length() + " outside 1.." + MAX_LENGTH);
            }
            checkPoints(mp, model, pointNames, errors);
            model.group().ifPresent(g -> checkGroup(mp + ".group", model, g, errors));
        }
    }

    /**
     * A repeating group: its readings are named {@code <group><n>.<point>}, so names stay identifier
     * characters and never clash with the profile's other points; the count is an unsigned integer of
     * the fixed part; instances follow the fixed part; scale factors come from the fixed part.
     */
    private static void checkGroup(String gp, ModelSpec model, ModelSpec.Group group, List<String> errors) {
        if (!NAME.matcher(group.name()).matches()) {
            errors.add(gp + ".name: '" + group.name() + "' must be letters, digits and underscores, starting with a letter");
        }
        RegisterBlock.Repeat r = group.repeat();
        if (group.offset() < model.length() + 2) {
            errors.add(gp + ".offset: " + group.offset() + " falls inside the fixed part (registers 2.."
                    + (model.length() + 1) + "); instances follow it, from " + (model.length() + 2));
        }
        if (r.stride() < 1) {
            errors.add(gp + ".repeat.stride: " + r.stride() + " must be 1 or more");
        }
        if (r.max() < 1) {
            errors.add(gp + ".repeat.max: " + r.max() + " must be 1 or more");
        } else if ((long) group.offset() - 2 + (long) r.stride() * r.max() > MAX_LENGTH) {
            errors.add(gp + ".repeat.max: " + r.max() + " instances of " + r.stride() + " registers run past a model's "
                    + MAX_LENGTH + " registers");
        }
        Optional<PointSpec> count = model.point(r.count());
        if (count.isEmpty()) {
            errors.add(gp + ".repeat.count: no point '" + r.count() + "' in the fixed part of model '" + model.name() + "'");
        } else if ((count.get().type() != DataType.UINT16 && count.get().type() != DataType.UINT32)
                || count.get().scaleFactor().isPresent()) {
            errors.add(gp + ".repeat.count: point '" + r.count() + "' must be an unscaled uint16 or uint32");
        }
        if (group.points().isEmpty()) {
            errors.add(gp + ".points: at least one point is needed");
        }
        Set<String> names = new HashSet<>();
        String[] owner = new String[Math.max(0, Math.min(r.stride(), MAX_LENGTH))];
        for (int p = 0; p < group.points().size(); p++) {
            PointSpec point = group.points().get(p);
            String pp = gp + ".points[" + p + "]";
            if (!names.add(point.name())) {
                errors.add(pp + ".name: duplicate point name '" + point.name() + "'");
            }
            if (!NAME.matcher(point.name()).matches()) {
                errors.add(pp + ".name: '" + point.name() + "' must be letters, digits and underscores, starting with a letter");
            }
            checkPoint(pp, model, point, errors);
            checkSpan(pp, point, 0, owner, "the group's stride " + r.stride(), errors);
        }
    }

    /** A set of SenML records: points matched by record name, so names must be SenML names. */
    private static void checkSenmlModel(String mp, ModelSpec model, Set<String> pointNames, List<String> errors) {
        if (model.points().isEmpty()) {
            errors.add(mp + ".points: at least one point is needed");
        }
        for (int p = 0; p < model.points().size(); p++) {
            PointSpec point = model.points().get(p);
            String pp = mp + ".points[" + p + "]";
            if (!pointNames.add(point.name())) {
                errors.add(pp + ".name: duplicate point name '" + point.name() + "'");
            }
            checkUnit(pp, point, errors);
            if (!SENML_NAME.matcher(point.name()).matches()) {
                errors.add(pp + ".name: '" + point.name() + "' is no SenML name (RFC 8428: a letter or digit, "
                        + "then letters, digits and - : . / _)");
            }
        }
    }

    private static void checkUnit(String pp, PointSpec point, List<String> errors) {
        DataType type = point.type();
        if (type.isMeasurement()) {
            if (point.unit().isEmpty()) {
                errors.add(pp + ".unit: missing: a " + type.yamlName() + " point needs a UCUM unit (\"1\" when dimensionless)");
            } else if (!UcumUnits.isAllowed(point.unit().get())) {
                errors.add(pp + ".unit: unknown UCUM unit '" + point.unit().get() + "' (allowed: "
                        + String.join(", ", UcumUnits.allowed().stream().sorted().toList()) + ")");
            }
        } else if (point.unit().isPresent()) {
            errors.add(pp + ".unit: a " + type.yamlName() + " point has no unit");
        }
    }

    private static void checkIdentity(String file, DeviceProfile profile, List<String> errors) {
        if (!SLUG.matcher(profile.id()).matches()) {
            errors.add(file + ": id: '" + profile.id() + "' must be lower-case letters, digits and dashes");
        }
        if (!SLUG.matcher(profile.family()).matches()) {
            errors.add(file + ": family: '" + profile.family() + "' must be lower-case letters, digits and dashes");
        }
        if (profile.version() < 1) {
            errors.add(file + ": version: " + profile.version() + " must be 1 or more");
        }
        String[] parts = file.split("/");
        if (parts.length >= 2 && parts[parts.length - 1].endsWith(".yaml")) {
            String fileId = parts[parts.length - 1].substring(0, parts[parts.length - 1].length() - ".yaml".length());
            String fileFamily = parts[parts.length - 2];
            if (!fileId.equals(profile.id())) {
                errors.add(file + ": id: '" + profile.id() + "' differs from the file name '" + fileId + "'");
            }
            if (!fileFamily.equals(profile.family())) {
                errors.add(file + ": family: '" + profile.family() + "' differs from the folder '" + fileFamily + "'");
            }
        }
    }

    private static void checkPoints(String mp, ModelSpec model, Set<String> pointNames, List<String> errors) {
        String[] owner = new String[model.length() > 0 && model.length() <= MAX_LENGTH ? model.length() + 2 : 0];
        for (int p = 0; p < model.points().size(); p++) {
            PointSpec point = model.points().get(p);
            String pp = mp + ".points[" + p + "]";
            if (!pointNames.add(point.name())) {
                errors.add(pp + ".name: duplicate point name '" + point.name() + "'");
            }
            checkPoint(pp, model, point, errors);
            if (point.offset() < 2) {
                errors.add(pp + ".offset: " + point.offset() + " falls on the model header (ID at 0, length at 1; the body starts at 2)");
                continue;
            }
            checkSpan(pp, point, 2, owner, "the model's last register " + (model.length() + 1) + " (length "
                    + model.length() + ")", errors);
        }
    }

    /** Size, unit, scale factor (a sunssf of the model's fixed part) and symbols of one point. */
    private static void checkPoint(String pp, ModelSpec model, PointSpec point, List<String> errors) {
        DataType type = point.type();
        if (type == DataType.STRING && point.size() < 1) {
            errors.add(pp + ".size: a string needs its size in registers (1 or more)");
        }
        if (type != DataType.STRING && point.size() != 0) {
            errors.add(pp + ".size: only strings take a size; " + type.yamlName() + " is " + type.words() + " register(s) wide");
        }
        checkUnit(pp, point, errors);
        point.scaleFactor().ifPresent(sf -> {
            if (!type.isScalable()) {
                errors.add(pp + ".scaleFactor: a " + type.yamlName() + " point cannot be scaled");
            }
            var target = model.point(sf);
            if (target.isEmpty()) {
                errors.add(pp + ".scaleFactor: no point '" + sf + "' in model '" + model.name() + "'");
            } else if (target.get().type() != DataType.SUNSSF) {
                errors.add(pp + ".scaleFactor: point '" + sf + "' is " + target.get().type().yamlName() + ", not sunssf");
            }
        });
        if (!point.symbols().isEmpty() && !type.isEnum() && !type.isBitfield()) {
            errors.add(pp + ".symbols: only enum and bitfield points take symbols");
        }
        if (type.isBitfield()) {
            int bits = type.words() * 16;
            point.symbols().forEach((symbol, bit) -> {
                if (bit < 0 || bit >= bits) {
                    errors.add(pp + ".symbols." + symbol + ": bit " + bit + " outside 0.." + (bits - 1) + " of a "
                            + type.yamlName());
                }
            });
        }
    }

    /** The point lies inside {@code owner} (registers from {@code first}) and overlaps no other. */
    private static void checkSpan(String pp, PointSpec point, int first, String[] owner, String end,
                                  List<String> errors) {
        int words = point.words();
        if (point.offset() < first) {
            errors.add(pp + ".offset: " + point.offset() + " must be " + first + " or more");
            return;
        }
        if (point.offset() + words > owner.length) {
            errors.add(pp + ".offset: " + point.name() + " spans registers " + point.offset() + ".."
                    + (point.offset() + words - 1) + ", past " + end);
            return;
        }
        for (int r = point.offset(); r < point.offset() + words; r++) {
            if (owner[r] != null) {
                errors.add(pp + ".offset: " + point.name() + " overlaps '" + owner[r] + "' at register " + r);
                return;
            }
            owner[r] = point.name();
        }
    }
}
