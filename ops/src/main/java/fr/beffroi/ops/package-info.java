/**
 * The {@code ./beffroi} command line: one entry point for the demo and the benchmark. Depends on both
 * deployables; nothing depends on it.
 */
package fr.beffroi.ops;
