package fr.beffroi.rules.state;

import fr.beffroi.rules.model.Branch;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RuleStateJsonTest {
    @Test
    void roundTripsEveryField() {
        RuleState s = new RuleState("gym-lights", true, Instant.parse("2026-01-15T18:00:00Z"), Boolean.TRUE,
                Map.of("presence", 1.0), List.of(new RuleState.PendingRun(Branch.ELSE, 1,
                Instant.parse("2026-01-15T18:10:00Z"))), List.of(Branch.THEN));

        String json = RuleStateJson.write(s);

        assertThat(json).contains("\"trueSince\":\"2026-01-15T18:00:00Z\"");
        assertThat(RuleStateJson.read(json)).isEqualTo(s);
        assertThat(RuleStateJson.read(RuleStateJson.write(RuleState.initial("r")))).isEqualTo(RuleState.initial("r"));
    }

    @Test
    void refusesWhatIsNotAState() {
        assertThatThrownBy(() -> RuleStateJson.read("{\"ruleId\":\"r\",\"colour\":1}"))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
