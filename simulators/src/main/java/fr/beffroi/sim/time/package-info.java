/**
 * Clocks for simulations: {@link fr.beffroi.sim.time.LeapClock} is moved by hand (tests leap, never
 * sleep), {@link fr.beffroi.sim.time.ScaledClock} runs faster than the wall clock (a day in minutes).
 */
package fr.beffroi.sim.time;
