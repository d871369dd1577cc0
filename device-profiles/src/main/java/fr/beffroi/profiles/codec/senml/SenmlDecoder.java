package fr.beffroi.profiles.codec.senml;

import fr.beffroi.profiles.model.Layout;
import fr.beffroi.profiles.model.ModelSpec;
import fr.beffroi.profiles.model.PointSpec;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Maps resolved SenML records to the points of a {@link Layout#SENML} model: a record belongs to
 * the point whose name equals its {@code n} (the name relative to the base name, which names the
 * device). Such a record must carry a number, and its unit, when it has one, must be the point's.
 * Records that match no point are returned by name, for the caller to count: a probe may report
 * more than its profile reads.
 */
public final class SenmlDecoder {

    private final Map<String, PointSpec> points = new LinkedHashMap<>();

    public SenmlDecoder(ModelSpec model) {
        Objects.requireNonNull(model, "model");
        if (model.layout() != Layout.SENML) {
            throw new IllegalArgumentException("model '" + model.name() + "' is " + model.layout().yamlName() + ", not senml");
        }
        model.points().forEach(p -> points.put(p.name(), p));
    }

    /** The values of a pack, and the names of the records no point claimed. */
    public record Decoded(List<SenmlValue> values, List<String> unmapped) {
        public Decoded {
            values = List.copyOf(values);
            unmapped = List.copyOf(unmapped);
        }
    }

    /** @throws SenmlException when a record of a known point has no number or the wrong unit */
    public Decoded decode(List<SenmlRecord> records) throws SenmlException {
        List<SenmlValue> values = new ArrayList<>();
        List<String> unmapped = new ArrayList<>();
        for (SenmlRecord r : records) {
            PointSpec point = points.get(r.localName());
            if (point == null) {
                unmapped.add(r.name());
                continue;
            }
            if (r.value().isEmpty()) {
                throw new SenmlException(r.index(), r.other().orElse("v"), "point '" + point.name()
                        + "' needs a number (v), found " + r.other().map(f -> "a " + f + " value").orElse("only a sum"));
            }
            String ucum = point.unit().orElseThrow();
            if (r.unit().isPresent() && !r.unit().flatMap(SenmlUnits::toUcum).map(ucum::equals).orElse(false)) {
                throw new SenmlException(r.index(), "u", "unit '" + r.unit().get() + "' does not fit point '"
                        + point.name() + "' in " + ucum);
            }
            values.add(new SenmlValue(point.name(), r.time(), r.value().get(), ucum));
        }
        return new Decoded(values, unmapped);
    }
}
