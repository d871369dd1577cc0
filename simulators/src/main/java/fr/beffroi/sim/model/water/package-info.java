/**
 * Physics of a drinking-water network sector, with no protocol in sight: the flow through a district
 * meter as a daily consumption profile (night minimum about 25 % of the daily mean, DOMAIN.md), a
 * seeded day-to-day factor and short-term noise, plus leaks adding a constant flow from their start.
 * Flow is a pure function of (seed, instant).
 */
package fr.beffroi.sim.model.water;
