/**
 * The building-management driver: a public building's controller on Modbus TCP (Apache PLC4X through
 * {@code driver/modbus}), laid out by the bundled {@code bms/modbus-building} profile — zone count
 * read once per connection, every zone polled in the fewest reads — and a {@code write(point, value)}
 * for setpoint, mode and lighting commands, checked against the profile before it goes on the wire.
 */
package fr.beffroi.edge.driver.bms;
