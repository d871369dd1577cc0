package fr.beffroi.edge.app;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The whole gateway configuration, as read and validated by {@link ConfigLoader}. Immutable: the
 * agent reads it once at start-up; a change means a restart.
 */
public record AgentConfig(GatewayConfig gateway, UplinkConfig uplink, BufferConfig buffer, MetricsConfig metrics,
                          List<DeviceConfig> devices, GpioConfig gpio, CommandsConfig commands, RulesConfig rules,
                          AccessConfig access) {
    public AgentConfig {
        Objects.requireNonNull(gateway, "gateway");
        Objects.requireNonNull(uplink, "uplink");
        Objects.requireNonNull(buffer, "buffer");
        Objects.requireNonNull(metrics, "metrics");
        devices = List.copyOf(devices);
        Objects.requireNonNull(gpio, "gpio");
        Objects.requireNonNull(commands, "commands");
        Objects.requireNonNull(rules, "rules");
        Objects.requireNonNull(access, "access");
    }

    /** Without edge rules, the allow-list kept in {@code access.db} beside the buffer. */
    public AgentConfig(GatewayConfig gateway, UplinkConfig uplink, BufferConfig buffer, MetricsConfig metrics,
                       List<DeviceConfig> devices, GpioConfig gpio, CommandsConfig commands) {
        this(gateway, uplink, buffer, metrics, devices, gpio, commands, RulesConfig.none(buffer.path()),
                AccessConfig.besides(buffer.path()));
    }

    /** A gateway without GPIO devices, with the default command settings ({@link CommandsConfig#besides} the buffer). */
    public AgentConfig(GatewayConfig gateway, UplinkConfig uplink, BufferConfig buffer, MetricsConfig metrics,
                       List<DeviceConfig> devices) {
        this(gateway, uplink, buffer, metrics, devices, new GpioConfig(Optional.empty()),
                CommandsConfig.besides(buffer.path()));
    }
}
