package fr.beffroi.edge.app;

import java.net.URI;
import java.util.Objects;

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
}
