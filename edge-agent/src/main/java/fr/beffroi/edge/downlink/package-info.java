/**
 * Commands from the cloud to this gateway: received on {@code down/commands} through the uplink's
 * MQTT connection, decoded strictly, verified (ours, known device, fresh, never executed before),
 * handed to {@link fr.beffroi.edge.actuator.CommandExecutor}; results sent back through a durable
 * outbox until the broker acknowledges them. Also the doors' allow-list on {@code down/allowlist}
 * ({@link fr.beffroi.edge.downlink.AllowListDownlink}): decoded strictly, newest version kept.
 */
package fr.beffroi.edge.downlink;
