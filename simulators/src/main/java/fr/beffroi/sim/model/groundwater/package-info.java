/**
 * Physics of a groundwater probe in the chalk aquifer of the Plateau Picard (DOMAIN.md): the water
 * level as a seasonal wave (highest late March, lowest late September), a multi-year wave, an
 * optional drought drawdown and pumping dips, plus AR(1) noise; hourly samples, seeded, advanced
 * deterministically by an injected clock. No protocol here: {@code face/coap} and
 * {@code face/modbusrtu} serve snapshots of it.
 */
package fr.beffroi.sim.model.groundwater;
