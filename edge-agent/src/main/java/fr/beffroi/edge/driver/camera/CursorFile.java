package fr.beffroi.edge.driver.camera;

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
 * The camera's verdict cursor on disk: one decimal number. Written to a temporary file, forced to
 * the disk and moved over the old one, so that a power cut on the truck leaves the old cursor or
 * the new one, never half of one.
 */
final class CursorFile {

    private final String deviceId;
    private final Path path;

    CursorFile(String deviceId, Path path) {
        this.deviceId = Objects.requireNonNull(deviceId, "deviceId");
        this.path = Objects.requireNonNull(path, "path");
    }

    /** The stored cursor; 0 (from the camera's oldest verdict) when there is no file yet. */
    long read() throws DeviceException {
        String text;
        try {
            text = Files.readString(path, StandardCharsets.US_ASCII).trim();
        } catch (NoSuchFileException e) {
            return 0;
        } catch (IOException e) {
            throw new DeviceException(Kind.CONFIGURATION, "device " + deviceId + ": cannot read cursor file " + path
                    + ": " + e.getMessage(), e);
        }
        try {
            long cursor = Long.parseLong(text);
            if (cursor < 0) {
                throw new NumberFormatException("negative");
            }
            return cursor;
        } catch (NumberFormatException e) {
            throw new DeviceException(Kind.CONFIGURATION, "device " + deviceId + ": cursor file " + path
                    + " holds '" + text + "', not a verdict cursor; fix or delete it (deleting re-reads every verdict the camera keeps)");
        }
    }

    void write(long cursor) throws DeviceException {
        Path tmp = path.resolveSibling(path.getFileName() + ".tmp");
        try {
            Path parent = path.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    StandardOpenOption.TRUNCATE_EXISTING)) {
                ch.write(ByteBuffer.wrap((cursor + "\n").getBytes(StandardCharsets.US_ASCII)));
                ch.force(true);
            }
            Files.move(tmp, path, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new DeviceException(Kind.CONFIGURATION, "device " + deviceId + ": cannot write cursor file " + path
                    + ": " + e.getMessage(), e);
        }
    }
}
