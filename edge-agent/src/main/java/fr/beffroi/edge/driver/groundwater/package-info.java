/**
 * Groundwater probes (piezometers) of the chalk aquifer, two ways: CoAP + SenML JSON
 * ({@link fr.beffroi.edge.driver.groundwater.CoapSenmlProbeDriver}, Eclipse Californium, GET per poll
 * and optionally OBSERVE) and Modbus RTU on an RS-485 line
 * ({@link fr.beffroi.edge.driver.groundwater.ModbusRtuProbeDriver}, digitalpetri modbus-serial on
 * jSerialComm). Each talks to its device through a small link seam ({@code CoapLink},
 * {@code RtuLink}) that unit tests replace, and decodes with the {@code groundwater/*} profiles: SenML
 * with {@code codec/senml}, the RTU register map with the same {@code codec/modbus} layout as every
 * plain Modbus device.
 */
package fr.beffroi.edge.driver.groundwater;
