/**
 * SunSpec over Modbus registers, without any transport: find the "SunS" marker, walk the model
 * chain reading each block's length, and decode a block's words into scaled values as the device
 * profile says. The transport is the {@link fr.beffroi.profiles.codec.sunspec.RegisterReader} seam.
 */
package fr.beffroi.profiles.codec.sunspec;
