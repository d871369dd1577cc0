package fr.beffroi.profiles.codec.registers;

import fr.beffroi.profiles.model.ModelSpec;
import fr.beffroi.profiles.model.PointSpec;

/**
 * The registers a register-map model covers, read in one request.
 *
 * @param address  first protocol address (0-based)
 * @param quantity number of registers (the profile loader keeps it within 125)
 */
public record RegisterSpan(int address, int quantity) {

    public static RegisterSpan of(ModelSpec model) {
        if (!model.layout().isRegisterMap()) {
            throw new IllegalArgumentException("model '" + model.name() + "' is " + model.layout().yamlName()
                    + ", not a register map");
        }
        int first = Integer.MAX_VALUE;
        int end = 0;
        for (PointSpec p : model.points()) {
            first = Math.min(first, p.offset());
            end = Math.max(end, p.offset() + p.words());
        }
        if (end == 0) {
            throw new IllegalArgumentException("model '" + model.name() + "' has no points");
        }
        return new RegisterSpan(first, end - first);
    }
}
