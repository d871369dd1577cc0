package fr.beffroi.rules.state;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Keeps states in memory: for tests, and for a store that outlives one engine but not the process. */
public final class InMemoryRuleStateStore implements RuleStateStore {
    private final Map<String, RuleState> states = new ConcurrentHashMap<>();

    @Override
    public Map<String, RuleState> loadAll() {
        return Map.copyOf(states);
    }

    @Override
    public void save(RuleState state) {
        states.put(state.ruleId(), state);
    }
}
