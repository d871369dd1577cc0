package fr.beffroi.edge.app;

import com.pi4j.Pi4J;
import com.pi4j.context.Context;
import com.pi4j.plugin.mock.platform.MockPlatform;
import com.pi4j.plugin.mock.provider.gpio.digital.MockDigitalInputProvider;
import com.pi4j.plugin.mock.provider.gpio.digital.MockDigitalOutputProvider;
import fr.beffroi.edge.driver.DeviceDriver;
import fr.beffroi.edge.driver.access.AccessPolicy;
import fr.beffroi.edge.driver.access.DenyAll;
import fr.beffroi.edge.driver.access.DoorLockDriver;
import fr.beffroi.edge.driver.bms.ModbusBmsDriver;
import fr.beffroi.edge.driver.camera.HopperCameraDriver;
import fr.beffroi.edge.driver.camera.RecentLifts;
import fr.beffroi.edge.driver.groundwater.CoapSenmlProbeDriver;
import fr.beffroi.edge.driver.groundwater.ModbusRtuProbeDriver;
import fr.beffroi.edge.driver.sunspec.SunSpecModbusDriver;
import fr.beffroi.edge.driver.waste.BinLiftRfidDriver;
import fr.beffroi.edge.driver.waste.NmeaGpsDriver;
import fr.beffroi.edge.driver.waste.PositionSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The production drivers, one per name in {@link DriverFactory#KNOWN_DRIVERS}, and what some of
 * them share within one gateway: a truck's GPS receiver feeds its lift reader's positions, the lift
 * reader feeds the hopper camera's verdict ↔ lift correlation, the doors share one GPIO context.
 */
public final class DefaultDriverFactory implements DriverFactory {
    private static final Logger LOG = LoggerFactory.getLogger(DefaultDriverFactory.class);
    /** Lifts kept for correlation: a truck lifts a bin every 15 s at most, verdicts come within seconds. */
    private static final int RECENT_LIFTS = 500;

    private final Clock clock;
    private final AccessPolicy access;
    private final GpioConfig gpioConfig;
    private final RecentLifts recentLifts = new RecentLifts(RECENT_LIFTS);
    private final Map<String, NmeaGpsDriver> gpsReceivers = new ConcurrentHashMap<>();
    private Context gpio;
    private final boolean ownsGpio;

    /** A gateway without doors (every door device is refused: there is no GPIO platform). */
    public DefaultDriverFactory(Clock clock) {
        this(clock, new GpioConfig(Optional.empty()), new DenyAll());
    }

    /**
     * Production wiring: the GPIO context is built on the first door device from the config's
     * platform, and shut down by {@link #close()}.
     *
     * @param access decides who a door lets in
     */
    public DefaultDriverFactory(Clock clock, GpioConfig gpio, AccessPolicy access) {
        this.clock = Objects.requireNonNull(clock, "clock");
        this.gpioConfig = Objects.requireNonNull(gpio, "gpio");
        this.access = Objects.requireNonNull(access, "access");
        this.ownsGpio = true;
    }

    /**
     * Shares a GPIO context the caller owns (the demo, whose door simulator moves the same mock
     * lines the drivers read); {@link #close()} leaves it alone.
     */
    public DefaultDriverFactory(Clock clock, Context sharedGpio, AccessPolicy access) {
        this.clock = Objects.requireNonNull(clock, "clock");
        this.gpio = Objects.requireNonNull(sharedGpio, "sharedGpio");
        this.gpioConfig = new GpioConfig(Optional.empty());
        this.access = Objects.requireNonNull(access, "access");
        this.ownsGpio = false;
    }

    @Override
    public DeviceDriver create(DeviceConfig d, DriverContext ctx) {
        return switch (d.driver()) {
            case SUNSPEC_MODBUS_TCP -> {
                DeviceAddress.Tcp a = d.address(DeviceAddress.Tcp.class);
                yield new SunSpecModbusDriver(d.id(), a.host(), a.port(), a.unitId(), d.timeout(), clock);
            }
            case BMS_MODBUS_TCP -> {
                DeviceAddress.Tcp a = d.address(DeviceAddress.Tcp.class);
                yield new ModbusBmsDriver(d.id(), a.host(), a.port(), a.unitId(), d.timeout(), clock);
            }
            case GROUNDWATER_COAP -> {
                DeviceAddress.Coap a = d.address(DeviceAddress.Coap.class);
                yield new CoapSenmlProbeDriver(d.id(), a.uri(), d.timeout(), a.observe(), clock);
            }
            case GROUNDWATER_RTU -> {
                DeviceAddress.Serial a = d.address(DeviceAddress.Serial.class);
                yield new ModbusRtuProbeDriver(d.id(), a.serialPort(), a.baud(), a.unitId(), d.timeout(), clock);
            }
            case WASTE_NMEA_GPS -> {
                DeviceAddress.SerialStream a = d.address(DeviceAddress.SerialStream.class);
                NmeaGpsDriver gps = new NmeaGpsDriver(d.id(), a.serialPort(), a.baud(), ctx.corrupt(), clock);
                gpsReceivers.put(d.id(), gps);
                yield gps;
            }
            case WASTE_BINLIFT_RFID -> {
                DeviceAddress.BinLiftReader a = d.address(DeviceAddress.BinLiftReader.class);
                // Looked up at each lift, so the GPS device may come before or after the reader in the config.
                PositionSource position = a.gpsDevice()
                        .<PositionSource>map(id -> () -> Optional.ofNullable(gpsReceivers.get(id)).flatMap(NmeaGpsDriver::latest))
                        .orElse(PositionSource.none());
                yield new BinLiftRfidDriver(d.id(), a.serialPort(), a.baud(), a.truck(), a.liftWindow(),
                        a.fixStaleAfter(), a.tagHexOrder(), position, ctx.corrupt(), recentLifts::record, clock,
                        Optional.of(ctx.stateDir().resolve("rfid-" + d.id() + ".truckseq")));
            }
            case WASTE_HOPPER_CAMERA -> {
                DeviceAddress.Http a = d.address(DeviceAddress.Http.class);
                yield new HopperCameraDriver(d.id(), a.baseUri(), d.timeout(), a.matchWindow(), recentLifts,
                        a.cursorFile().orElse(ctx.stateDir().resolve("camera-" + d.id() + ".cursor")),
                        ctx.corrupt(), clock);
            }
            case DOOR_LOCK_GPIO -> {
                DeviceAddress.GpioDoor a = d.address(DeviceAddress.GpioDoor.class);
                yield new DoorLockDriver(d.id(), gpio(d.id()), a.pins(), a.badgePort(), a.baud(), a.unlockTime(),
                        a.heldOpenLimit(), access, ctx.corrupt(), clock);
            }
            case BMS_BACNET_IP -> bacnet(d, d.address(DeviceAddress.Plugin.class));
            // The loader refuses unknown names; reaching here means the two lists drifted apart.
            default -> throw new IllegalArgumentException("devices: no driver named " + d.driver());
        };
    }

    /**
     * The BACnet driver through the optional module's one static entry point (reflection, because the
     * agent must not link GPL-3.0 code; the loader has checked the module is there). The module
     * checks its own keys and says which is wrong.
     */
    private DeviceDriver bacnet(DeviceConfig d, DeviceAddress.Plugin a) {
        try {
            Method create = Class.forName(BACNET_PROVIDER).getMethod("createDriver", String.class, Map.class,
                    Duration.class, Clock.class);
            return (DeviceDriver) create.invoke(null, d.id(), a.settings(), d.timeout(), clock);
        } catch (InvocationTargetException e) {
            if (e.getCause() instanceof RuntimeException r) throw r;
            throw new IllegalStateException("device " + d.id() + ": BACnet driver failed: " + e.getCause(), e.getCause());
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("device " + d.id() + ": the edge-bacnet module is missing or incompatible ("
                    + e + ")", e);
        }
    }

    private synchronized Context gpio(String deviceId) {
        if (gpio != null) return gpio;
        GpioConfig.Platform platform = gpioConfig.platform().orElseThrow(() -> new IllegalArgumentException(
                "device " + deviceId + ": uses GPIO lines but gpio.platform is not set"));
        gpio = switch (platform) {
            // Named explicitly, no auto-detection: on a Pi that would pick the real lines.
            case MOCK -> Pi4J.newContextBuilder().noAutoDetect().add(new MockPlatform())
                    .add(MockDigitalInputProvider.newInstance(), MockDigitalOutputProvider.newInstance()).build();
            case RASPBERRY_PI -> Pi4J.newAutoContext();
        };
        LOG.info("GPIO on Pi4J's {} platform{}", platform.configName(),
                platform == GpioConfig.Platform.MOCK ? " (mock lines: nothing physical is switched)" : "");
        return gpio;
    }

    @Override
    public synchronized void close() {
        if (ownsGpio && gpio != null) {
            gpio.shutdown();
            gpio = null;
        }
    }
}
