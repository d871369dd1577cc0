package fr.beffroi.ingest.command;

import fr.beffroi.profiles.wire.Command;
import org.junit.jupiter.api.Test;

import java.time.Instant;

import static fr.beffroi.ingest.command.CommandStatus.ACCEPTED;
import static fr.beffroi.ingest.command.CommandStatus.EXECUTED;
import static fr.beffroi.ingest.command.CommandStatus.EXPIRED;
import static fr.beffroi.ingest.command.CommandStatus.FAILED;
import static fr.beffroi.ingest.command.CommandStatus.ISSUED;
import static fr.beffroi.ingest.command.CommandStatus.SENT;
import static org.assertj.core.api.Assertions.assertThat;

/** How a command's status moves as stages are reported, and what makes two requests the same command. */
class CommandStatusTest {
    @Test
    void stagesOnlyMoveForward() {
        assertThat(ISSUED.movesTo(SENT, false)).isTrue();
        assertThat(SENT.movesTo(ACCEPTED, true)).isTrue();
        assertThat(ACCEPTED.movesTo(EXECUTED, true)).isTrue();
        // results processed late never hide a later stage
        assertThat(EXECUTED.movesTo(ACCEPTED, true)).isFalse();
        assertThat(ACCEPTED.movesTo(SENT, false)).isFalse();
        assertThat(EXECUTED.movesTo(FAILED, true)).isFalse();
    }

    @Test
    void theGatewaysWordOnExecutionOverridesTheCloudsExpiry() {
        assertThat(EXPIRED.movesTo(EXECUTED, true)).isTrue();
        assertThat(EXPIRED.movesTo(FAILED, true)).isTrue();
        assertThat(EXPIRED.movesTo(ACCEPTED, true)).isFalse();
        assertThat(EXPIRED.movesTo(EXECUTED, false)).isFalse();
    }

    @Test
    void openCommandsAreTheOnesStillToDeliver() {
        assertThat(ISSUED.open()).isTrue();
        assertThat(SENT.open()).isTrue();
        assertThat(ACCEPTED.open()).isFalse();
        assertThat(EXPIRED.terminal()).isTrue();
    }

    @Test
    void aRetryWithAnotherRelativeExpiryIsTheSameCommandAnotherValueIsNot() {
        Instant t = Instant.parse("2027-01-12T07:00:00Z");
        Command issued = new Command("c1", "liancourt", "bms-ecole", "zone2.setpoint", 21, "user:alice", t,
                t.plusSeconds(300));

        assertThat(CommandLedger.sameContent(issued, new CommandRequest("c1", "liancourt", "bms-ecole",
                "zone2.setpoint", 21, "user:alice", t.plusSeconds(320)))).isTrue();
        assertThat(CommandLedger.sameContent(issued, new CommandRequest("c1", "liancourt", "bms-ecole",
                "zone2.setpoint", 22, "user:alice", t.plusSeconds(300)))).isFalse();
        assertThat(CommandLedger.sameContent(issued, new CommandRequest("c1", "liancourt", "bms-ecole",
                "zone2.setpoint", 21, "user:bob", t.plusSeconds(300)))).isFalse();
    }
}
