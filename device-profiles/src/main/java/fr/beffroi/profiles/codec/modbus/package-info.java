/**
 * Plain Modbus register maps (a building controller's holding registers at fixed addresses),
 * driven by a profile's {@code registers:} blocks: {@link fr.beffroi.profiles.codec.modbus.RegisterCodec}
 * turns words into values and command values into words (int16, uint16, int32, uint32, float32,
 * scale, enum); {@link fr.beffroi.profiles.codec.modbus.RegisterLayout} places every point,
 * expanding repeated blocks to the device's instance count, and plans the fewest reads. No transport:
 * the edge driver reads the spans, the simulator serves the same layout.
 */
package fr.beffroi.profiles.codec.modbus;
