/**
 * A groundwater probe as a Modbus RTU slave on a serial line (digitalpetri modbus-serial on
 * jSerialComm): measurements in input registers, installation set-up in holding registers, the map
 * of {@code profiles/groundwater/modbus-rtu-probe.yaml}. Tests run it on one end of a socat pty pair.
 */
package fr.beffroi.sim.face.modbusrtu;
