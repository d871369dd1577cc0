/**
 * The optional BACnet/IP driver of the edge agent, for building management systems: {@link
 * fr.beffroi.edge.bacnet.BacnetBmsDriver} polls a controller's objects (AI temperatures, commandable
 * AV setpoints and MSV modes, BI occupancy, Accumulator heat meter) into readings of the {@code
 * bms/bacnet-building} profile and commands setpoints and modes at priority 8. {@link
 * fr.beffroi.edge.bacnet.BacnetPoint} is the point map (which object carries which signal), {@link
 * fr.beffroi.edge.bacnet.BacnetValues} and {@link fr.beffroi.edge.bacnet.BacnetFailures} the pure
 * mappings of values, units and failures, {@link fr.beffroi.edge.bacnet.BacnetDriverProvider} the
 * entry point the agent calls by name.
 *
 * <p>This package links BACnet4J (GPL-3.0), which is why it lives in its own module that the
 * agent does not depend on: see the module README's LICENSE-NOTE.
 */
package fr.beffroi.edge.bacnet;
