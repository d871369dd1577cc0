/**
 * SenML JSON (RFC 8428) for devices that report themselves rather than expose registers:
 * {@link fr.beffroi.profiles.codec.senml.SenmlParser} resolves a pack (base name, time, unit, value
 * and sum folded into each record, relative times made absolute) and
 * {@link fr.beffroi.profiles.codec.senml.SenmlDecoder} maps the records to a profile's points.
 * A malformed pack is a {@link fr.beffroi.profiles.codec.senml.SenmlException} naming the record
 * index and the field; nothing is guessed. No transport here: CoAP lives in the edge driver.
 */
package fr.beffroi.profiles.codec.senml;
