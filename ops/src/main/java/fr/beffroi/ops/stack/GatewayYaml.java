package fr.beffroi.ops.stack;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * Writes the YAML of a gateway that polls simulated SunSpec inverters on loopback, in the format
 * {@code edge-agent/config/gateway.example.yaml} documents. The demo and the end-to-end tests run
 * agents from it, so they exercise the same config path as a real gateway.
 *
 * @param passwordEnv name of the environment variable that holds the MQTT password
 */
public record GatewayYaml(String tenant, String gateway, int mqttPort, String passwordEnv, Path bufferPath,
                          int batchMaxReadings, Duration ackTimeout, List<Inverter> inverters) {

    /** One inverter: a device id, the simulator's Modbus port and unit id, and how often to poll it. */
    public record Inverter(String deviceId, int port, int unitId, Duration pollInterval) {
    }

    public String render() {
        StringBuilder y = new StringBuilder();
        y.append("gateway:\n  id: ").append(gateway).append("\n  tenant: ").append(tenant).append('\n');
        y.append("uplink:\n  url: tcp://127.0.0.1:").append(mqttPort).append('\n');
        y.append("  password:\n    env: ").append(passwordEnv).append('\n');
        y.append("  batchMaxReadings: ").append(batchMaxReadings).append('\n');
        y.append("  maxInFlightBatches: 8\n");
        y.append("  ackTimeout: ").append(ackTimeout.toMillis()).append("ms\n");
        y.append("  reconnect:\n    backoffMin: 200ms\n    backoffMax: 2s\n");
        y.append("buffer:\n  path: ").append(bufferPath.toAbsolutePath()).append('\n');
        y.append("  maxReadings: 5000000\n  whenFull: refuse-new\n");
        y.append("devices:\n");
        for (Inverter i : inverters) {
            y.append("  - id: ").append(i.deviceId()).append('\n');
            y.append("    driver: sunspec-modbus-tcp\n    host: 127.0.0.1\n");
            y.append("    port: ").append(i.port()).append('\n');
            y.append("    unitId: ").append(i.unitId()).append('\n');
            y.append("    pollInterval: ").append(i.pollInterval().toMillis()).append("ms\n");
            y.append("    timeout: 2s\n");
        }
        return y.toString();
    }
}
