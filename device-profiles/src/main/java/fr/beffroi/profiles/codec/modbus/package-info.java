/**
 * Plain Modbus register maps at fixed addresses, the one mechanism for every such device (building
 * controllers over TCP, groundwater probes over RTU), driven by a profile's {@code registers:}
 * blocks: {@link fr.beffroi.profiles.codec.modbus.RegisterCodec} turns words into values and command
 * values into words (int16, uint16, int32, uint32, float32, scale, enum);
 * {@link fr.beffroi.profiles.codec.modbus.RegisterLayout} places every point in its table (holding or
 * input registers), expanding repeated blocks to the device's instance count, and plans the fewest
 * reads, never across tables. No transport: edge drivers read the spans, simulators serve the same
 * layout.
 */
package fr.beffroi.profiles.codec.modbus;
