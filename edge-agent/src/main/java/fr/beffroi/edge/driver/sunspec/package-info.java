/**
 * The SunSpec inverter driver: Modbus TCP through Apache PLC4X ({@code driver/modbus}) as the transport behind the
 * {@link fr.beffroi.profiles.codec.sunspec.RegisterReader} seam, a scan of the model chain once per
 * connection, and one read of each polled model block per poll, decoded by the bundled
 * {@code pv/sunspec-inverter} profile.
 */
package fr.beffroi.edge.driver.sunspec;
