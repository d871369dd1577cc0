/**
 * Modbus TCP faces over the simulator models. SunSpec: {@link
 * fr.beffroi.sim.face.modbus.SunSpecRegisterMap} encodes a PV inverter snapshot into the SunSpec
 * register image (marker, model 1, model 103, end model), {@link
 * fr.beffroi.sim.face.modbus.SunSpecModbusServer} serves it, one inverter per unit id. BMS: {@link
 * fr.beffroi.sim.face.modbus.BmsRegisterMap} lays a building out by the {@code bms/modbus-building}
 * profile, {@link fr.beffroi.sim.face.modbus.BmsModbusServer} serves reads and turns writes into
 * model commands. Both bind through {@code ModbusTcpBinding} (digitalpetri's Modbus TCP server).
 */
package fr.beffroi.sim.face.modbus;
