package fr.beffroi.edge.app;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Which GPIO lines the gateway's door devices drive: {@code gpio.platform}, required as soon as a
 * device uses GPIO, empty otherwise.
 */
public record GpioConfig(Optional<Platform> platform) {
    public GpioConfig {
        Objects.requireNonNull(platform, "platform");
    }

    public enum Platform {
        /** Pi4J's mock lines: a gateway without GPIO, the demo, tests (a simulator moves the inputs). */
        MOCK("mock"),
        /** A Raspberry Pi's header lines through libgpiod (Pi4J's gpiod and raspberrypi plugins). */
        RASPBERRY_PI("raspberrypi");

        private final String configName;

        Platform(String configName) {
            this.configName = configName;
        }

        public String configName() {
            return configName;
        }

        static Optional<Platform> fromConfigName(String name) {
            return Arrays.stream(values()).filter(p -> p.configName.equals(name)).findFirst();
        }

        static List<String> configNames() {
            return Arrays.stream(values()).map(Platform::configName).toList();
        }
    }
}
