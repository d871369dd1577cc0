package fr.beffroi.rules.state;

import java.util.Map;

/**
 * Where an engine keeps its rules' state. A store serves one engine: one tenant at one site (the
 * implementation binds those, e.g. as key columns). The engine calls {@link #loadAll()} once in
 * {@code restore()} and {@link #save} each time a rule's state changes, from its own calling
 * thread; a save should be one upsert of one row ({@link RuleStateJson} gives the text to store).
 */
public interface RuleStateStore {

    /** Every saved state, by rule id; ids of rules no longer in the file are ignored by the engine. */
    Map<String, RuleState> loadAll();

    /** Replaces the state of {@code state.ruleId()}. */
    void save(RuleState state);
}
