package fr.beffroi.sim.model.camera;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.PriorityQueue;
import java.util.Random;

/**
 * A hopper camera: {@link #trigger} at each lift, and {@link #verdictsAfter} some 1–3 s of model
 * time later shows the verdict. Everything random about a verdict is drawn at the trigger, in
 * trigger order, so that one seed gives the same verdicts whenever and however often clients fetch.
 * Thread-safe: the truck's lift listener triggers it while the HTTP face reads it.
 */
public final class HopperCameraModel {

  /** Relative frequency of each category among the errors found, per stream. */
  private static final Map<String, Map<ErrorCategory, Double>> CATEGORY_WEIGHTS = Map.of(
      "EMB", weights(0.25, 0.40, 0.15, 0.10, 0.10),
      "OMR", weights(0.35, 0.00, 0.15, 0.30, 0.20),
      "BIO", weights(0.15, 0.60, 0.10, 0.00, 0.15));
  private static final Map<ErrorCategory, Double> OTHER_WEIGHTS = weights(0.25, 0.25, 0.2, 0.15, 0.15);

  private final HopperCameraConfig config;
  private final Random random;
  private final Clock clock;
  private final PriorityQueue<Pending> pending = new PriorityQueue<>(
      Comparator.comparing(Pending::due).thenComparingLong(Pending::order));
  private final Deque<CameraVerdict> published = new ArrayDeque<>();
  private final Map<String, byte[]> images = new HashMap<>();
  private long triggers;
  private long nextCursor = 1;
  private long deletedImages;

  public HopperCameraModel(HopperCameraConfig config, long seed, Clock clock) {
    this.config = Objects.requireNonNull(config, "config");
    this.random = new Random(seed);
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /**
   * The chip read of a lift reached the camera: it takes its picture now and publishes its verdict
   * after the processing delay, counted from {@code liftAt}.
   */
  public synchronized void trigger(String tag, String stream, Instant liftAt) {
    Objects.requireNonNull(tag, "tag");
    Objects.requireNonNull(stream, "stream");
    Objects.requireNonNull(liftAt, "liftAt");
    long spanMillis = config.maxDelay().minus(config.minDelay()).toMillis();
    Duration delay = config.minDelay().plusMillis(spanMillis == 0 ? 0 : (long) (random.nextDouble() * spanMillis));
    VerdictStatus status;
    Map<ErrorCategory, Double> errors = Map.of();
    if (random.nextDouble() < config.unreadableShare()) {
      status = VerdictStatus.UNREADABLE;
    } else if (random.nextDouble() < config.errorShareOf(stream)) {
      status = VerdictStatus.ERRORS;
      errors = drawErrors(stream);
    } else {
      status = VerdictStatus.CLEAN;
    }
    pending.add(new Pending(liftAt.plus(delay), triggers++, tag, stream, liftAt, status, errors));
  }

  /** Verdicts published after {@code cursor}, oldest first, at most {@code limit}. */
  public synchronized List<CameraVerdict> verdictsAfter(long cursor, int limit) {
    if (limit < 1) {
      throw new IllegalArgumentException("limit must be positive, got " + limit);
    }
    publishDue();
    List<CameraVerdict> out = new ArrayList<>();
    for (CameraVerdict v : published) {
      if (v.cursor() > cursor) {
        out.add(v);
        if (out.size() == limit) {
          break;
        }
      }
    }
    return out;
  }

  /** The photo with this id, unless deleted or forgotten. */
  public synchronized Optional<byte[]> image(String imageId) {
    byte[] bytes = images.get(imageId);
    return bytes == null ? Optional.empty() : Optional.of(bytes.clone());
  }

  /** Deletes a photo; false when there was none with this id. */
  public synchronized boolean deleteImage(String imageId) {
    boolean deleted = images.remove(imageId) != null;
    if (deleted) {
      deletedImages++;
    }
    return deleted;
  }

  public synchronized int storedImages() {
    return images.size();
  }

  public synchronized long deletedImages() {
    return deletedImages;
  }

  /** Triggers whose verdict is not published yet (at the model clock's current time). */
  public synchronized int pendingVerdicts() {
    publishDue();
    return pending.size();
  }

  private void publishDue() {
    Instant now = clock.instant();
    while (!pending.isEmpty() && !pending.peek().due().isAfter(now)) {
      Pending p = pending.poll();
      long cursor = nextCursor++;
      String id = String.format("V-%08d", cursor);
      Optional<String> imageId = Optional.empty();
      if (p.status() != VerdictStatus.UNREADABLE) {
        imageId = Optional.of(String.format("IMG-%08d", cursor));
        images.put(imageId.get(), jpegStub(imageId.get(), p));
      }
      published.addLast(new CameraVerdict(cursor, id, p.tag(), p.stream(), p.liftAt(), p.due(), p.status(),
          p.errors(), imageId));
      while (published.size() > config.retained()) {
        published.removeFirst().imageId().ifPresent(images::remove);
      }
    }
  }

  private Map<ErrorCategory, Double> drawErrors(String stream) {
    Map<ErrorCategory, Double> weights = new EnumMap<>(CATEGORY_WEIGHTS.getOrDefault(stream, OTHER_WEIGHTS));
    double u = random.nextDouble();
    int count = u < 0.70 ? 1 : u < 0.95 ? 2 : 3;
    List<Map.Entry<ErrorCategory, Double>> found = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      ErrorCategory c = pick(weights);
      weights.remove(c);
      // A camera reports a category only above its decision threshold, here 0.55.
      double confidence = Math.round((0.55 + 0.44 * random.nextDouble()) * 100) / 100.0;
      found.add(Map.entry(c, confidence));
    }
    found.sort(Map.Entry.<ErrorCategory, Double>comparingByValue().reversed());
    Map<ErrorCategory, Double> out = new LinkedHashMap<>();
    found.forEach(e -> out.put(e.getKey(), e.getValue()));
    return out;
  }

  private ErrorCategory pick(Map<ErrorCategory, Double> weights) {
    double total = weights.values().stream().mapToDouble(Double::doubleValue).sum();
    double u = random.nextDouble() * total;
    ErrorCategory last = null;
    for (Map.Entry<ErrorCategory, Double> e : weights.entrySet()) {
      if (e.getValue() <= 0) {
        continue;
      }
      last = e.getKey();
      u -= e.getValue();
      if (u < 0) {
        return last;
      }
    }
    return last;
  }

  /** A few hundred bytes that start and end like a JPEG; enough to exercise fetching and deleting. */
  private static byte[] jpegStub(String imageId, Pending p) {
    byte[] text = ("hopper " + imageId + " tag " + p.tag() + " " + p.liftAt() + " " + p.status())
        .getBytes(StandardCharsets.US_ASCII);
    byte[] head = {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, (byte) 0xE0, 0, 16, 'J', 'F', 'I', 'F', 0, 1, 1, 0, 0, 1, 0, 1, 0, 0,
        (byte) 0xFF, (byte) 0xFE, 0, (byte) (text.length + 2)};
    byte[] out = new byte[head.length + text.length + 2];
    System.arraycopy(head, 0, out, 0, head.length);
    System.arraycopy(text, 0, out, head.length, text.length);
    out[out.length - 2] = (byte) 0xFF;
    out[out.length - 1] = (byte) 0xD9;
    return out;
  }

  private static Map<ErrorCategory, Double> weights(double glass, double residual, double textile, double green,
      double bulky) {
    Map<ErrorCategory, Double> w = new EnumMap<>(ErrorCategory.class);
    w.put(ErrorCategory.GLASS, glass);
    w.put(ErrorCategory.RESIDUAL, residual);
    w.put(ErrorCategory.TEXTILE, textile);
    w.put(ErrorCategory.GREEN_WASTE, green);
    w.put(ErrorCategory.BULKY, bulky);
    return w;
  }

  private record Pending(Instant due, long order, String tag, String stream, Instant liftAt, VerdictStatus status,
      Map<ErrorCategory, Double> errors) {
  }
}
