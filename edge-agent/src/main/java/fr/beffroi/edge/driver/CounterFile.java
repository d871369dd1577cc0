package fr.beffroi.edge.driver;

import fr.beffroi.edge.driver.DeviceException;
import fr.beffroi.edge.driver.DeviceException.Kind;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Objects;

/**
 * A driver's counter on disk (the camera's verdict cursor, the reader's lift number): one decimal
 * number. Written to a temporary file, forced to the disk and moved over the old one, so that a
 * power cut on the truck leaves the old value or the new one, never half of one.
 */
public final class CounterFile {

    private final String deviceId;
    private final Path path;
    private final String what;
    private final String whenDeleted;

    /**
     * @param what        what the number is, for messages ("verdict cursor")
     * @param whenDeleted what deleting the file does, for the message that asks to fix or delete it
     */
    public CounterFile(String deviceId, Path path, String what, String whenDeleted) {
        this.deviceId = Objects.requireNonNull(deviceId, "deviceId");
        this.path = Objects.requireNonNull(path, "path");
        this.what = Objects.requireNonNull(what, "what");
        this.whenDeleted = Objects.requireNonNull(whenDeleted, "whenDeleted");
    }

    public Path path() {
        return path;
    }

    /** The stored value; 0 when there is no file yet. */
    public long read() throws DeviceException {
        String text;
        try {
            text = Files.readString(path, StandardCharsets.US_ASCII).trim();
        } catch (NoSuchFileException e) {
            return 0;
        } catch (IOException e) {
            throw new DeviceException(Kind.CONFIGURATION, "device " + deviceId + ": cannot read " + what + " file "
                    + path + ": " + e.getMessage(), e);
        }
        try {
            long value = Long.parseLong(text);
            if (value < 0) {
                throw new NumberFormatException("negative");
            }
            return value;
        } catch (NumberFormatException e) {
            throw new DeviceException(Kind.CONFIGURATION, "device " + deviceId + ": " + what + " file " + path
                    + " holds '" + text + "', not a " + what + "; fix or delete it (deleting " + whenDeleted + ")");
        }
    }

    public void write(long value) throws DeviceException {
        Path tmp = path.resolveSibling(path.getFileName() + ".tmp");
        try {
            Path parent = path.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    StandardOpenOption.TRUNCATE_EXISTING)) {
                ch.write(ByteBuffer.wrap((value + "\n").getBytes(StandardCharsets.US_ASCII)));
                ch.force(true);
            }
            Files.move(tmp, path, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new DeviceException(Kind.CONFIGURATION, "device " + deviceId + ": cannot write " + what + " file "
                    + path + ": " + e.getMessage(), e);
        }
    }
}
