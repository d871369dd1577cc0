package fr.beffroi.edge.actuator;

import fr.beffroi.edge.driver.DeviceDriver;
import fr.beffroi.edge.driver.DeviceException;
import fr.beffroi.profiles.wire.Reading;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A driver whose polls and writes take turns: the poll scheduler and the command executor reach
 * one device from different threads, and a driver's connection (a Modbus TCP socket, an RS-485
 * line) carries one exchange at a time. One fair lock per device, so a write waits for at most the
 * poll in progress, and a poll for at most one write.
 */
public final class GuardedDriver implements DeviceDriver {
    private final DeviceDriver delegate;
    private final ReentrantLock lock = new ReentrantLock(true);

    public GuardedDriver(DeviceDriver delegate) {
        this.delegate = Objects.requireNonNull(delegate, "delegate");
    }

    @Override
    public String deviceId() {
        return delegate.deviceId();
    }

    @Override
    public List<Reading> poll() throws DeviceException {
        lock.lock();
        try {
            return delegate.poll();
        } finally {
            lock.unlock();
        }
    }

    /** The device's writes, taking turns with its polls; empty when the driver cannot act. */
    public Optional<Actuator> actuator() {
        if (!(delegate instanceof Actuator target)) return Optional.empty();
        return Optional.of((point, value) -> {
            lock.lock();
            try {
                target.write(point, value);
            } finally {
                lock.unlock();
            }
        });
    }

    @Override
    public List<Reading> drainOnStop() {
        lock.lock();
        try {
            return delegate.drainOnStop();
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void close() {
        delegate.close();
    }
}
