/**
 * The rule engine: readings, bookings and the passing of time in, {@link fr.beffroi.rules.model.Action}s
 * out through an {@link fr.beffroi.rules.eval.ActionSink}. Single-threaded and passive — it has no
 * thread or timer of its own: the caller feeds it from one thread and calls {@code tick()} (or
 * {@code advanceTo}) so that tests and a time-leaping simulator drive time.
 */
package fr.beffroi.rules.eval;
