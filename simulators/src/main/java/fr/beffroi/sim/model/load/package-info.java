/**
 * Physics of a building's electrical consumption, with no protocol in sight: a base load profile
 * (standby at night and at weekends, a working-day plateau with ramps, seeded noise) and a
 * controllable electric water heater switched by a relay. With a production (PV) it gives the
 * power at the grid connection, what the building's meter shows.
 */
package fr.beffroi.sim.model.load;
