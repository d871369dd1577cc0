package fr.beffroi.edge.app;

import fr.beffroi.edge.driver.access.DoorPins;
import fr.beffroi.edge.driver.waste.TagNormaliser;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Where a device is reached. Its form follows the driver's transport, so that a config only
 * carries the keys its driver reads (and the loader refuses the others).
 */
public sealed interface DeviceAddress {

    /** Modbus TCP: {@code host}, {@code port}, {@code unitId}. */
    record Tcp(String host, int port, int unitId) implements DeviceAddress {
        public Tcp {
            Objects.requireNonNull(host, "host");
        }
    }

    /** A serial line (RS-485, RS-232): {@code serialPort} (a device path), {@code baud}, {@code unitId}. */
    record Serial(String serialPort, int baud, int unitId) implements DeviceAddress {
        public Serial {
            Objects.requireNonNull(serialPort, "serialPort");
        }
    }

    /** A CoAP resource: {@code uri}, and whether to observe it between polls. */
    record Coap(URI uri, boolean observe) implements DeviceAddress {
        public Coap {
            Objects.requireNonNull(uri, "uri");
        }
    }

    /** A serial line carrying a byte stream (an NMEA receiver): {@code serialPort}, {@code baud}. */
    record SerialStream(String serialPort, int baud) implements DeviceAddress {
        public SerialStream {
            Objects.requireNonNull(serialPort, "serialPort");
        }
    }

    /**
     * A truck's bin-lift RFID reader on a serial line, and what its lifts carry: {@code truck}, the
     * {@code liftWindow} merging double reads, the GPS device giving positions ({@code gpsDevice}, the
     * id of a {@code waste-nmea-gps} device of the same gateway; none when the truck has no receiver).
     */
    record BinLiftReader(String serialPort, int baud, String truck, Duration liftWindow, Optional<String> gpsDevice,
                         Duration fixStaleAfter, TagNormaliser.HexOrder tagHexOrder) implements DeviceAddress {
        public BinLiftReader {
            Objects.requireNonNull(serialPort, "serialPort");
            Objects.requireNonNull(truck, "truck");
            Objects.requireNonNull(liftWindow, "liftWindow");
            Objects.requireNonNull(gpsDevice, "gpsDevice");
            Objects.requireNonNull(fixStaleAfter, "fixStaleAfter");
            Objects.requireNonNull(tagHexOrder, "tagHexOrder");
        }
    }

    /**
     * An HTTP device (the hopper camera): {@code baseUri}; {@code matchWindow} pairs its verdicts
     * with lifts; {@code cursorFile} remembers how far it was read (default: next to the buffer).
     */
    record Http(URI baseUri, Duration matchWindow, Optional<Path> cursorFile) implements DeviceAddress {
        public Http {
            Objects.requireNonNull(baseUri, "baseUri");
            Objects.requireNonNull(matchWindow, "matchWindow");
            Objects.requireNonNull(cursorFile, "cursorFile");
        }
    }

    /**
     * A door on GPIO lines (BCM numbers: {@code relayPin}, {@code contactPin}, {@code exitButtonPin})
     * with a badge reader on {@code badgePort} at {@code baud}; a grant unlocks for
     * {@code unlockTime}; open beyond {@code heldOpenLimit} raises an alarm.
     */
    record GpioDoor(DoorPins pins, String badgePort, int baud, Duration unlockTime, Duration heldOpenLimit)
            implements DeviceAddress {
        public GpioDoor {
            Objects.requireNonNull(pins, "pins");
            Objects.requireNonNull(badgePort, "badgePort");
            Objects.requireNonNull(unlockTime, "unlockTime");
            Objects.requireNonNull(heldOpenLimit, "heldOpenLimit");
        }
    }

    /**
     * A device whose driver lives in an optional module (BACnet/IP, in the GPL-3.0 {@code edge-bacnet}):
     * its keys as text, checked by that module when the driver is made.
     */
    record Plugin(Map<String, String> settings) implements DeviceAddress {
        public Plugin {
            settings = Map.copyOf(settings);
        }
    }
}
