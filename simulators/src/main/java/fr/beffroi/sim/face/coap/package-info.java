/**
 * A groundwater probe on CoAP (Eclipse Californium), as constrained devices are: a CoAP server
 * whose observable {@code /level} resource answers SenML JSON (RFC 8428, content format 110) with
 * the latest hourly sample of an {@link fr.beffroi.sim.model.groundwater.AquiferModel}.
 */
package fr.beffroi.sim.face.coap;
