/**
 * The SunSpec Modbus TCP face of the PV inverter model: {@link
 * fr.beffroi.sim.face.modbus.SunSpecRegisterMap} encodes a snapshot into the SunSpec register image
 * (marker, model 1, model 103, end model), {@link fr.beffroi.sim.face.modbus.SunSpecModbusServer}
 * serves it with digitalpetri's Modbus TCP server, one inverter per unit id, refreshed at each read.
 */
package fr.beffroi.sim.face.modbus;
