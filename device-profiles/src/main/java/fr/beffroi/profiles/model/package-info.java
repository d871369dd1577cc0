/**
 * What a device profile says, as immutable records: the SunSpec models, SenML record sets or plain
 * Modbus register blocks (holding or input registers at fixed addresses) a device exposes and, for
 * each point, where it sits, how its words are typed and scaled, and its UCUM unit. Records only;
 * reading them from YAML and checking them is {@code load/}, turning register words into values is
 * {@code codec/}.
 */
package fr.beffroi.profiles.model;
