package fr.beffroi.sim.face.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import fr.beffroi.sim.model.camera.CameraVerdict;
import fr.beffroi.sim.model.camera.HopperCameraModel;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The hopper camera's HTTP API:
 * <ul>
 *   <li>{@code GET /api/v1/verdicts?after=<cursor>&limit=N}: {@code {"verdicts": [...], "next": c}},
 *   verdicts with a cursor above {@code after} (default 0) in cursor order, at most {@code limit}
 *   (default 100, at most {@value #MAX_LIMIT}); {@code next} is the last cursor returned, or
 *   {@code after} when none is.</li>
 *   <li>{@code GET /api/v1/images/{id}}: the photo ({@code image/jpeg}), 404 once deleted.</li>
 *   <li>{@code DELETE /api/v1/images/{id}}: 204, or 404 when there is no such photo.</li>
 * </ul>
 * A verdict: {@code cursor, id, tag, stream, liftAt, decidedAt} (ISO-8601 UTC), {@code status}
 * (CLEAN, ERRORS, UNREADABLE), {@code errors} ([{category, confidence}], highest first, empty unless
 * ERRORS) and {@code image} (absent when UNREADABLE).
 */
public final class HopperCameraHttpServer implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(HopperCameraHttpServer.class);
  public static final String VERDICTS = "/api/v1/verdicts";
  public static final String IMAGES = "/api/v1/images/";
  static final int MAX_LIMIT = 500;

  private final String cameraId;
  private final HopperCameraModel model;
  private final HttpServer server;
  private final ExecutorService executor;
  private final ObjectMapper json = new ObjectMapper();
  private final AtomicReference<CameraFault> fault = new AtomicReference<>(CameraFault.NONE);
  private volatile Duration slowBy = Duration.ofSeconds(5);

  private HopperCameraHttpServer(String cameraId, HopperCameraModel model, HttpServer server,
      ExecutorService executor) {
    this.cameraId = cameraId;
    this.model = model;
    this.server = server;
    this.executor = executor;
  }

  /** Serves {@code model} as camera {@code cameraId}; port 0 picks a free port (see {@link #uri()}). */
  public static HopperCameraHttpServer start(String host, int port, String cameraId, HopperCameraModel model)
      throws IOException {
    Objects.requireNonNull(host, "host");
    Objects.requireNonNull(cameraId, "cameraId");
    Objects.requireNonNull(model, "model");
    HttpServer server = HttpServer.create(new InetSocketAddress(host, port), 0);
    // A few threads, so that a slow answer (fault mode) does not hold every other client up.
    ExecutorService executor = Executors.newFixedThreadPool(4, r -> {
      Thread t = new Thread(r, "camera-http-" + cameraId);
      t.setDaemon(true);
      return t;
    });
    server.setExecutor(executor);
    HopperCameraHttpServer face = new HopperCameraHttpServer(cameraId, model, server, executor);
    server.createContext(VERDICTS, face::verdicts);
    server.createContext(IMAGES, face::images);
    server.start();
    LOG.info("camera {}: HTTP API on {}", cameraId, face.uri());
    return face;
  }

  /** {@code http://host:port} — the base URI the driver is configured with. */
  public URI uri() {
    InetSocketAddress a = server.getAddress();
    return URI.create("http://" + a.getHostString() + ":" + a.getPort());
  }

  public void setFault(CameraFault newFault) {
    fault.set(Objects.requireNonNull(newFault, "fault"));
    LOG.info("camera {}: fault mode {}", cameraId, newFault);
  }

  /** How long a {@link CameraFault#SLOW} camera makes each client wait. */
  public void setSlowBy(Duration delay) {
    slowBy = Objects.requireNonNull(delay, "delay");
  }

  private void verdicts(HttpExchange ex) throws IOException {
    try (ex) {
      if (misbehaved(ex, true)) {
        return;
      }
      if (!"GET".equals(ex.getRequestMethod())) {
        send(ex, 405, "text/plain", "GET only".getBytes(StandardCharsets.UTF_8));
        return;
      }
      if (!VERDICTS.equals(ex.getRequestURI().getPath())) {
        send(ex, 404, "text/plain", "no such resource".getBytes(StandardCharsets.UTF_8));
        return;
      }
      Map<String, String> query = query(ex.getRequestURI());
      long after;
      int limit;
      try {
        after = Long.parseLong(query.getOrDefault("after", "0"));
        limit = Integer.parseInt(query.getOrDefault("limit", "100"));
      } catch (NumberFormatException e) {
        send(ex, 400, "text/plain", ("bad after or limit: " + e.getMessage()).getBytes(StandardCharsets.UTF_8));
        return;
      }
      if (after < 0 || limit < 1 || limit > MAX_LIMIT) {
        send(ex, 400, "text/plain", ("need after >= 0 and 1 <= limit <= " + MAX_LIMIT).getBytes(StandardCharsets.UTF_8));
        return;
      }
      List<CameraVerdict> verdicts = model.verdictsAfter(after, limit);
      ObjectNode body = json.createObjectNode();
      ArrayNode list = body.putArray("verdicts");
      for (CameraVerdict v : verdicts) {
        ObjectNode n = list.addObject();
        n.put("cursor", v.cursor());
        n.put("id", v.id());
        n.put("tag", v.tag());
        n.put("stream", v.stream());
        n.put("liftAt", v.liftAt().toString());
        n.put("decidedAt", v.decidedAt().toString());
        n.put("status", v.status().name());
        ArrayNode errors = n.putArray("errors");
        v.errors().forEach((c, conf) -> errors.addObject().put("category", c.name()).put("confidence", conf));
        v.imageId().ifPresent(id -> n.put("image", id));
      }
      body.put("next", verdicts.isEmpty() ? after : verdicts.get(verdicts.size() - 1).cursor());
      send(ex, 200, "application/json", json.writeValueAsBytes(body));
    }
  }

  private void images(HttpExchange ex) throws IOException {
    try (ex) {
      if (misbehaved(ex, false)) {
        return;
      }
      String id = ex.getRequestURI().getPath().substring(IMAGES.length());
      switch (ex.getRequestMethod()) {
        case "GET" -> {
          Optional<byte[]> image = model.image(id);
          if (image.isPresent()) {
            send(ex, 200, "image/jpeg", image.get());
          } else {
            send(ex, 404, "text/plain", ("no image " + id).getBytes(StandardCharsets.UTF_8));
          }
        }
        case "DELETE" -> {
          if (model.deleteImage(id)) {
            ex.sendResponseHeaders(204, -1);
          } else {
            send(ex, 404, "text/plain", ("no image " + id).getBytes(StandardCharsets.UTF_8));
          }
        }
        default -> send(ex, 405, "text/plain", "GET or DELETE only".getBytes(StandardCharsets.UTF_8));
      }
    }
  }

  /** Plays the fault mode; true when the request got its (faulty) answer already. */
  private boolean misbehaved(HttpExchange ex, boolean verdictList) throws IOException {
    switch (fault.get()) {
      case UNAVAILABLE -> {
        send(ex, 503, "text/plain", "camera restarting".getBytes(StandardCharsets.UTF_8));
        return true;
      }
      case SLOW -> {
        try {
          Thread.sleep(slowBy.toMillis());
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
        return false;
      }
      case GARBAGE -> {
        if (verdictList) {
          send(ex, 200, "application/json", "<html><body>Hotspot login</body></html>".getBytes(StandardCharsets.UTF_8));
          return true;
        }
        return false;
      }
      default -> {
        return false;
      }
    }
  }

  private static void send(HttpExchange ex, int status, String contentType, byte[] body) throws IOException {
    ex.getResponseHeaders().set("Content-Type", contentType);
    ex.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
    try (OutputStream out = ex.getResponseBody()) {
      out.write(body);
    }
  }

  private static Map<String, String> query(URI uri) {
    Map<String, String> out = new HashMap<>();
    String raw = uri.getRawQuery();
    if (raw == null || raw.isEmpty()) {
      return out;
    }
    for (String pair : raw.split("&")) {
      int eq = pair.indexOf('=');
      if (eq > 0) {
        out.put(pair.substring(0, eq), java.net.URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
      }
    }
    return out;
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
    LOG.info("camera {}: HTTP API stopped", cameraId);
  }
}
