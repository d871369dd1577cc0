package fr.beffroi.edge.downlink;

import fr.beffroi.profiles.wire.Command;
import fr.beffroi.profiles.wire.CommandResult;

import java.time.Clock;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * Decides whether a received command may be executed here, in this order: not already handled
 * (idempotency by id, from the durable command log), for our tenant, for a device of our config,
 * with a finite value, not expired by our clock. Pure: the log lookup and the clock are injected.
 */
public final class CommandVerifier {
    private final String tenant;
    private final Set<String> devices;
    private final Function<String, Optional<CommandResult.Status>> handled;
    private final Clock clock;

    /**
     * @param tenant  this gateway's tenant
     * @param devices the device ids of this gateway's config
     * @param handled the last stage recorded for a command id, if it was ever handled here
     */
    public CommandVerifier(String tenant, Set<String> devices,
                           Function<String, Optional<CommandResult.Status>> handled, Clock clock) {
        this.tenant = Objects.requireNonNull(tenant, "tenant");
        this.devices = Set.copyOf(devices);
        this.handled = Objects.requireNonNull(handled, "handled");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    public Verdict verify(Command c) {
        Optional<CommandResult.Status> seen = handled.apply(c.id());
        if (seen.isPresent()) return Verdict.ignore("command " + c.id() + " already handled here: " + seen.get());
        if (!tenant.equals(c.tenant())) {
            return Verdict.refuse(CommandResult.Status.FAILED,
                    "tenant " + c.tenant() + " is not this gateway's (" + tenant + ")");
        }
        if (!devices.contains(c.device())) {
            return Verdict.refuse(CommandResult.Status.FAILED, "unknown device " + c.device() + " on this gateway");
        }
        if (!Double.isFinite(c.value())) {
            return Verdict.refuse(CommandResult.Status.FAILED, "value " + c.value() + " is not a finite number");
        }
        if (c.expiredAt(clock.instant())) {
            return Verdict.refuse(CommandResult.Status.EXPIRED,
                    "expired at " + c.expiresAt() + ", received at " + clock.instant());
        }
        return Verdict.execute();
    }
}
