package fr.beffroi.edge.buffer;

/** The buffer's database failed (disk full, file removed, corruption): not retryable by the caller. */
public final class BufferException extends RuntimeException {
    public BufferException(String message, Throwable cause) {
        super(message, cause);
    }
}
