package fr.beffroi.sim.face.gpio;

import com.pi4j.Pi4J;
import com.pi4j.context.Context;
import com.pi4j.io.IO;
import com.pi4j.io.gpio.digital.DigitalOutput;
import com.pi4j.plugin.mock.platform.MockPlatform;
import com.pi4j.plugin.mock.provider.gpio.digital.MockDigitalInput;
import com.pi4j.plugin.mock.provider.gpio.digital.MockDigitalInputProvider;
import com.pi4j.plugin.mock.provider.gpio.digital.MockDigitalOutputProvider;

import java.util.Optional;

/** Pi4J's mock GPIO, for tests, the simulator and a demo without a Raspberry Pi. */
public final class MockGpio {

    private MockGpio() {
    }

    /**
     * A Pi4J context on the mock platform and its digital providers only, named explicitly (no
     * auto-detection: on a Raspberry Pi that would pick the real lines). Its owner shuts it down.
     */
    public static Context context() {
        return Pi4J.newContextBuilder()
                .noAutoDetect()
                .add(new MockPlatform())
                .add(MockDigitalInputProvider.newInstance(), MockDigitalOutputProvider.newInstance())
                .build();
    }

    /** The mock digital input a driver created on BCM line {@code address}, once it has. */
    public static Optional<MockDigitalInput> input(Context pi4j, int address) {
        return find(pi4j, address, MockDigitalInput.class);
    }

    /** The digital output a driver created on BCM line {@code address}, once it has. */
    public static Optional<DigitalOutput> output(Context pi4j, int address) {
        return find(pi4j, address, DigitalOutput.class);
    }

    private static <T> Optional<T> find(Context pi4j, int address, Class<T> type) {
        for (IO<?, ?, ?> io : pi4j.registry().all().values()) {
            if (type.isInstance(io) && io instanceof com.pi4j.io.gpio.Gpio<?, ?, ?> gpio
                    && gpio.address() != null && gpio.address().intValue() == address) {
                return Optional.of(type.cast(io));
            }
        }
        return Optional.empty();
    }
}
