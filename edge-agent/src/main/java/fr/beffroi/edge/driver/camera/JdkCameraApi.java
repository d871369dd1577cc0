package fr.beffroi.edge.driver.camera;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Objects;

/**
 * {@link CameraApi} over the JDK's {@link HttpClient}: plain HTTP/1.1 on the truck's LAN, no extra
 * library. Every request is bounded by {@code timeout}; a time-out or a refused connection is an
 * {@link IOException}.
 */
final class JdkCameraApi implements CameraApi {

    private final URI base;
    private final Duration timeout;
    private final HttpClient client;

    JdkCameraApi(URI base, Duration timeout) {
        this.base = Objects.requireNonNull(base, "base");
        this.timeout = Objects.requireNonNull(timeout, "timeout");
        this.client = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(timeout)
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    @Override
    public Answer get(String pathAndQuery) throws IOException {
        return send(HttpRequest.newBuilder(base.resolve(pathAndQuery)).GET());
    }

    @Override
    public Answer delete(String path) throws IOException {
        return send(HttpRequest.newBuilder(base.resolve(path)).DELETE());
    }

    private Answer send(HttpRequest.Builder request) throws IOException {
        try {
            HttpResponse<byte[]> response = client.send(request.timeout(timeout).build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            return new Answer(response.statusCode(), response.headers().firstValue("Content-Type").orElse(""),
                    response.body());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while waiting for the camera");
        }
    }

    @Override
    public void close() {
        // The JDK 17 client has no close(); its threads end when it is unreachable.
    }
}
