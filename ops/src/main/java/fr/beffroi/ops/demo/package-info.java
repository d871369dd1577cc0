/**
 * {@code ./beffroi demo}: the whole system on an embedded default, with progress and a summary line.
 */
package fr.beffroi.ops.demo;
