package fr.beffroi.profiles.wire;

import java.util.Optional;

/**
 * MQTT topic names of the edge-cloud contract. Every topic starts with
 * {@code beffroi/v1/<tenant>/<gateway>/}, so that the broker side can check that a gateway only
 * publishes and subscribes under its own name.
 */
public final class Topics {
    public static final String ROOT = "beffroi/v1";

    /** Gateway to cloud: {@link ReadingBatch} JSON, QoS 1. */
    public static final String READINGS = "up/readings";
    /** Gateway to cloud: {@link CommandResult} JSON, QoS 1. */
    public static final String COMMAND_RESULTS = "up/command-results";
    /** Cloud to gateway: {@link BatchAck} JSON, QoS 1. */
    public static final String ACKS = "down/acks";
    /** Cloud to gateway: {@link Command} JSON, QoS 1. */
    public static final String COMMANDS = "down/commands";
    /** Cloud → gateway: the doors' allow-list ({@link AllowList}), QoS 1, each replacing the last. */
    public static final String ALLOW_LIST = "down/allowlist";

    private Topics() {
    }

    public static String of(String tenant, String gateway, String leaf) {
        return ROOT + "/" + tenant + "/" + gateway + "/" + leaf;
    }

    public static String readings(String tenant, String gateway) {
        return of(tenant, gateway, READINGS);
    }

    public static String acks(String tenant, String gateway) {
        return of(tenant, gateway, ACKS);
    }

    public static String commands(String tenant, String gateway) {
        return of(tenant, gateway, COMMANDS);
    }

    public static String commandResults(String tenant, String gateway) {
        return of(tenant, gateway, COMMAND_RESULTS);
    }

    public static String allowList(String tenant, String gateway) {
        return of(tenant, gateway, ALLOW_LIST);
    }

    /** A topic split into its parts, if it is one of ours. */
    public record Parsed(String tenant, String gateway, String leaf) {
    }

    public static Optional<Parsed> parse(String topic) {
        if (topic == null || !topic.startsWith(ROOT + "/")) return Optional.empty();
        String[] parts = topic.substring(ROOT.length() + 1).split("/", 3);
        if (parts.length != 3 || parts[0].isEmpty() || parts[1].isEmpty() || parts[2].isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new Parsed(parts[0], parts[1], parts[2]));
    }
}
