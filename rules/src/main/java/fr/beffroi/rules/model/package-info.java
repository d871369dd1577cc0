/**
 * What a loaded rule file says, as immutable records: a {@link fr.beffroi.rules.model.RuleSet} per
 * tenant, its {@link fr.beffroi.rules.model.Rule}s with their inputs, triggers, condition and
 * action steps, the {@link fr.beffroi.rules.model.Booking}s the engine is told about and the
 * {@link fr.beffroi.rules.model.Action}s it emits. No behaviour beyond validation of invariants.
 */
package fr.beffroi.rules.model;
