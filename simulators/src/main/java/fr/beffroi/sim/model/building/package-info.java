/**
 * Physics of a public building, with no protocol in sight: a one-node RC model per heating zone,
 * a heating curve and a ±0.5 K thermostat per mode (confort, réduit, hors-gel, arrêt), seeded
 * outdoor temperature from the Oise normals, scheduled presence, lighting gains, and a heat meter
 * integrating the heating power. Protocol faces read {@link
 * fr.beffroi.sim.model.building.BuildingSnapshot}s and call its setters for commands.
 */
package fr.beffroi.sim.model.building;
