/**
 * The Modbus TCP transport the Modbus drivers share: {@link fr.beffroi.edge.driver.modbus.RegisterLink}
 * (read and write holding registers, the seam unit tests replace with a register image) and its
 * Apache PLC4X implementation {@link fr.beffroi.edge.driver.modbus.Plc4xRegisterLink}.
 */
package fr.beffroi.edge.driver.modbus;
