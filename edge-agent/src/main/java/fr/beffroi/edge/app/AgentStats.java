package fr.beffroi.edge.app;

/**
 * A snapshot of the agent's counters, since this process started (except {@code buffered}).
 *
 * @param produced          readings appended to the buffer
 * @param buffered          readings in the buffer now, waiting for the cloud (survives restarts)
 * @param confirmed         readings deleted after a COMMITTED BatchAck
 * @param rejected          readings moved to the local dead-letter table after a REJECTED BatchAck
 * @param refused           readings refused because the buffer was full
 * @param inFlightBatches   batches published and not yet acknowledged
 * @param connected         whether the uplink is connected to the broker
 */
public record AgentStats(long produced, long buffered, long confirmed, long rejected, long refused,
                         int inFlightBatches, boolean connected) {
}
