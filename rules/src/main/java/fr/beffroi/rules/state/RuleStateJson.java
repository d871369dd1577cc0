package fr.beffroi.rules.state;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

/**
 * A {@link RuleState} as one JSON text, for stores that keep it in a text/jsonb column. Instants
 * are ISO-8601 strings so that the column reads well in psql and sqlite3.
 */
public final class RuleStateJson {
    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .addModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    private RuleStateJson() {
    }

    public static String write(RuleState state) {
        try {
            return MAPPER.writeValueAsString(state);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write the state of rule " + state.ruleId(), e);
        }
    }

    /**
     * @throws IllegalArgumentException when the text is not a rule state
     */
    public static RuleState read(String json) {
        try {
            return MAPPER.readValue(json, RuleState.class);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not a rule state: " + e.getOriginalMessage(), e);
        }
    }
}
