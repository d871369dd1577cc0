/**
 * A BACnet/IP building controller for the driver's integration tests: the simulators module's
 * {@code BuildingModel} behind a BACnet4J server device. It lives here, not in {@code simulators},
 * because BACnet4J is GPL-3.0 and only this module may link it.
 */
package fr.beffroi.edge.bacnet.sim;
