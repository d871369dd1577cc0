package fr.beffroi.edge.actuator;

import fr.beffroi.edge.driver.DeviceException;
import fr.beffroi.profiles.wire.Command;
import fr.beffroi.profiles.wire.CommandResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.util.Map;
import java.util.Objects;

/**
 * Runs a verified command's write on its device's {@link Actuator} and says what came of it:
 * EXECUTED once the device took the write, FAILED with the reason otherwise (a device that cannot
 * act, a point not writable, a value out of range, a device that did not answer). Never retries:
 * a command is executed at most once, and the one who issued it decides what to do with a failure.
 */
public final class CommandExecutor {
    private static final Logger LOG = LoggerFactory.getLogger(CommandExecutor.class);

    private final Map<String, Actuator> byDevice;
    private final Clock clock;

    /** @param byDevice the actuator of every device that can act, by device id */
    public CommandExecutor(Map<String, Actuator> byDevice, Clock clock) {
        this.byDevice = Map.copyOf(byDevice);
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    public CommandResult execute(Command c) {
        Actuator actuator = byDevice.get(c.device());
        if (actuator == null) {
            String reason = "device " + c.device() + " cannot act: its driver writes no point";
            LOG.warn("command {}: {}", c.id(), reason);
            return new CommandResult(c.id(), CommandResult.Status.FAILED, reason, clock.instant());
        }
        try {
            actuator.write(c.point(), c.value());
        } catch (DeviceException e) {
            LOG.warn("command {}: device {} did not take {} = {} ({}): {}", c.id(), c.device(), c.point(), c.value(),
                    e.kind(), e.getMessage());
            return new CommandResult(c.id(), CommandResult.Status.FAILED, e.kind() + ": " + e.getMessage(),
                    clock.instant());
        } catch (RuntimeException e) {
            LOG.error("command {}: device {} driver failed writing {} = {}", c.id(), c.device(), c.point(), c.value(), e);
            return new CommandResult(c.id(), CommandResult.Status.FAILED, "driver error: " + e, clock.instant());
        }
        LOG.info("command {}: device {} {} = {} written (issued by {})", c.id(), c.device(), c.point(), c.value(),
                c.issuedBy());
        return new CommandResult(c.id(), CommandResult.Status.EXECUTED, null, clock.instant());
    }
}
