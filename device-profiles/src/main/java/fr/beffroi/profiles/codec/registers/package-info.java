/**
 * Plain Modbus register maps ({@code input-registers} and {@code holding-registers} models): where
 * a model's registers lie ({@link fr.beffroi.profiles.codec.registers.RegisterSpan}) and how its
 * words become values, raw × the point's fixed scale
 * ({@link fr.beffroi.profiles.codec.registers.RegisterMapDecoder}). No transport here.
 */
package fr.beffroi.profiles.codec.registers;
