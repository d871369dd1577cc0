package fr.beffroi.edge.downlink;

import fr.beffroi.edge.testing.MutableClock;
import fr.beffroi.profiles.wire.Command;
import fr.beffroi.profiles.wire.CommandResult;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** What the gateway does with each kind of command it may receive, by its own clock and log. */
class CommandVerifierTest {
    private final MutableClock clock = MutableClock.at("2027-01-12T07:00:00Z");
    private final Map<String, CommandResult.Status> handled = new HashMap<>();
    private final CommandVerifier verifier = new CommandVerifier("liancourt", Set.of("bms-ecole"),
            id -> Optional.ofNullable(handled.get(id)), clock);

    private Command command(String id, String tenant, String device, double value, Duration life) {
        Instant now = clock.instant();
        return new Command(id, tenant, device, "zone2.setpoint", value, "user:alice", now, now.plus(life));
    }

    @Test
    void aFreshCommandForOurDeviceIsExecuted() {
        assertThat(verifier.verify(command("c1", "liancourt", "bms-ecole", 21, Duration.ofMinutes(5))))
                .isEqualTo(Verdict.execute());
    }

    @Test
    void anotherTenantsCommandFails() {
        Verdict v = verifier.verify(command("c2", "breteuil", "bms-ecole", 21, Duration.ofMinutes(5)));
        assertThat(v.action()).isEqualTo(Verdict.Action.REFUSE);
        assertThat(v.status()).isEqualTo(CommandResult.Status.FAILED);
        assertThat(v.reason()).isEqualTo("tenant breteuil is not this gateway's (liancourt)");
    }

    @Test
    void aDeviceNotInOurConfigFails() {
        Verdict v = verifier.verify(command("c3", "liancourt", "bms-mairie", 21, Duration.ofMinutes(5)));
        assertThat(v.status()).isEqualTo(CommandResult.Status.FAILED);
        assertThat(v.reason()).isEqualTo("unknown device bms-mairie on this gateway");
    }

    @Test
    void aCommandPastItsExpiryByOurClockExpires() {
        Command c = command("c4", "liancourt", "bms-ecole", 21, Duration.ofMinutes(5));
        clock.advance(Duration.ofMinutes(5));

        Verdict v = verifier.verify(c);

        assertThat(v.action()).isEqualTo(Verdict.Action.REFUSE);
        assertThat(v.status()).isEqualTo(CommandResult.Status.EXPIRED);
        assertThat(v.reason()).startsWith("expired at 2027-01-12T07:05:00Z");
    }

    @Test
    void aNonFiniteValueFails() {
        assertThat(verifier.verify(command("c5", "liancourt", "bms-ecole", Double.NaN, Duration.ofMinutes(5))).status())
                .isEqualTo(CommandResult.Status.FAILED);
    }

    @Test
    void aCommandAlreadyHandledIsIgnoredWhateverElseIsTrue() {
        handled.put("c6", CommandResult.Status.EXECUTED);
        Command c = command("c6", "liancourt", "bms-ecole", 21, Duration.ofMinutes(5));
        clock.advance(Duration.ofHours(1));

        assertThat(verifier.verify(c).action()).isEqualTo(Verdict.Action.IGNORE);
    }
}
