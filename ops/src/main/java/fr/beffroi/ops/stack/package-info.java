/**
 * Pieces shared by the demo, the benchmark and the end-to-end tests: gateway config templates shipped in
 * {@code gateways/}, generated gateway YAML for simulated inverters, and the produced/stored/lost summary.
 */
package fr.beffroi.ops.stack;
