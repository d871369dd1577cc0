/**
 * The composition root ({@link fr.beffroi.edge.app.EdgeAgent}, {@link fr.beffroi.edge.app.EdgeAgentMain})
 * and the typed gateway config: YAML read by {@link fr.beffroi.edge.app.ConfigLoader} into immutable
 * records, every problem reported at once by key path, unknown keys refused, durations with units.
 */
package fr.beffroi.edge.app;
