package fr.beffroi.profiles.model;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A versioned description of a kind of device: which register models it exposes and what every
 * point means. Loaded from {@code profiles/<family>/<id>.yaml}.
 *
 * @param id          profile id, equal to the file name without {@code .yaml}
 * @param version     bumped whenever a point changes meaning, offset or unit
 * @param family      device family, equal to the folder name ({@code pv}, {@code water} ...)
 * @param description free text for people
 * @param models      the SunSpec register models, in the order the device usually chains them;
 *                    empty for a plain Modbus profile
 * @param registers   the blocks of a plain Modbus map at fixed addresses (a building controller);
 *                    empty for a SunSpec profile. A profile has models or registers, never both.
 * @param signals     points found neither in registers nor in SenML (GPIO lines, serial states)
 * @param events      what the device reports when it happens (a lift, a door forced), see {@link EventSpec}
 */
public record DeviceProfile(String id, int version, String family, String description, List<ModelSpec> models,
                            List<RegisterBlock> registers, List<SignalSpec> signals, List<EventSpec> events) {
    public DeviceProfile {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(family, "family");
        description = description == null ? "" : description;
        models = List.copyOf(models);
        registers = List.copyOf(registers);
        signals = List.copyOf(signals);
        events = List.copyOf(events);
    }

    /** A register-map profile: SunSpec models or plain registers. */
    public DeviceProfile(String id, int version, String family, String description, List<ModelSpec> models,
                         List<RegisterBlock> registers) {
        this(id, version, family, description, models, registers, List.of(), List.of());
    }

    /** A SunSpec profile. */
    public DeviceProfile(String id, int version, String family, String description, List<ModelSpec> models) {
        this(id, version, family, description, models, List.of(), List.of(), List.of());
    }

    public Optional<RegisterBlock> block(String blockName) {
        return registers.stream().filter(b -> b.name().equals(blockName)).findFirst();
    }

    public Optional<EventSpec> event(String eventName) {
        return events.stream().filter(e -> e.name().equals(eventName)).findFirst();
    }

    public Optional<SignalSpec> signal(String signalName) {
        return signals.stream().filter(s -> s.name().equals(signalName)).findFirst();
    }

    /** Every point of every model, in file order. */
    public List<PointSpec> points() {
        return models.stream().flatMap(m -> m.points().stream()).toList();
    }

    /** The models read at every poll. */
    public List<ModelSpec> polledModels() {
        return models.stream().filter(ModelSpec::poll).toList();
    }
}
