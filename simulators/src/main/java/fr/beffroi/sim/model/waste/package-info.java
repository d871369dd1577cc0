/**
 * Waste collection physics: a refuse truck on its round ({@link fr.beffroi.sim.model.waste.TruckRound})
 * along a village loop ({@link fr.beffroi.sim.model.waste.Route}), with DOMAIN's figures (lift cadence,
 * presentation, read failures, duplicate reads, lognormal contents, fortnightly streams). Seeded,
 * clock-driven, no protocol: {@code face/serial} writes the lifts as reader frames and the position
 * as NMEA sentences. Lift listeners let the demo trigger the simulated hopper camera on each lift.
 */
package fr.beffroi.sim.model.waste;
