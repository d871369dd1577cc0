/**
 * Simulated devices on their real protocols. Physics lives in {@code model/}, protocol servers that
 * expose a model live in {@code face/}; {@link fr.beffroi.sim.PvSimulatorMain} runs one PV inverter for
 * developers.
 */
package fr.beffroi.sim;
