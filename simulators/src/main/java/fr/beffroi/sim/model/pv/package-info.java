/**
 * Physics of a PV roof and its inverter, with no protocol in sight: solar geometry, a clear-sky
 * irradiance model, seeded clouds, and an inverter whose power, state and energy counter are computed
 * from the injected {@link java.time.Clock}'s instant. Protocol faces read {@link
 * fr.beffroi.sim.model.pv.InverterSnapshot}s from here.
 */
package fr.beffroi.sim.model.pv;
