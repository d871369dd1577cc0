/**
 * Acting on devices: the {@link fr.beffroi.edge.actuator.Actuator} seam drivers that write points
 * implement, the per-device lock that keeps writes and polls from interleaving, and the executor
 * that turns a verified command into one write and its result.
 */
package fr.beffroi.edge.actuator;
