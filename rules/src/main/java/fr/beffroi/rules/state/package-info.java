/**
 * The persistence seam: what the engine must remember across a restart ({@code for:} timers,
 * pending delayed actions, hysteresis switches, last input values), one small
 * {@link fr.beffroi.rules.state.RuleState} per rule, saved through
 * {@link fr.beffroi.rules.state.RuleStateStore}. The library ships an in-memory store; the edge
 * keeps them in SQLite and the cloud in PostgreSQL, as JSON text from {@link fr.beffroi.rules.state.RuleStateJson}.
 */
package fr.beffroi.rules.state;
