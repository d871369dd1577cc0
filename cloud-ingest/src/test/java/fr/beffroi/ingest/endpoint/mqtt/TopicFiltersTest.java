package fr.beffroi.ingest.endpoint.mqtt;

import fr.beffroi.profiles.wire.Topics;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class TopicFiltersTest {
    private static final String OWN = Topics.of("liancourt", "gw-1", "");

    @Test
    void aGatewayMaySubscribeOnlyUnderItsOwnTopics() {
        assertThat(TopicFilters.isUnder(Topics.acks("liancourt", "gw-1"), OWN)).isTrue();
        assertThat(TopicFilters.isUnder("beffroi/v1/liancourt/gw-1/down/#", OWN)).isTrue();
        assertThat(TopicFilters.isUnder(Topics.acks("liancourt", "gw-2"), OWN)).isFalse();
        assertThat(TopicFilters.isUnder("beffroi/v1/liancourt/+/down/acks", OWN)).isFalse();
        assertThat(TopicFilters.isUnder("#", OWN)).isFalse();
        assertThat(TopicFilters.isUnder("$share/g/" + Topics.acks("liancourt", "gw-1"), OWN)).isFalse();
    }

    @Test
    void wildcardsMatchAsMqttSays() {
        String acks = Topics.acks("liancourt", "gw-1");
        assertThat(TopicFilters.matches(acks, acks)).isTrue();
        assertThat(TopicFilters.matches("beffroi/v1/liancourt/gw-1/#", acks)).isTrue();
        assertThat(TopicFilters.matches("beffroi/v1/liancourt/gw-1/down/+", acks)).isTrue();
        assertThat(TopicFilters.matches("beffroi/v1/liancourt/gw-1/up/+", acks)).isFalse();
        assertThat(TopicFilters.matches("beffroi/v1/liancourt/gw-1/down", acks)).isFalse();
    }
}
