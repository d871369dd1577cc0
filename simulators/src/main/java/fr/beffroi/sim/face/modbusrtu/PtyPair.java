package fr.beffroi.sim.face.modbusrtu;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A virtual serial cable: two pseudo-terminals joined by {@code socat}, reachable by two symbolic
 * links. What one end writes the other reads, as over an RS-485 pair, so a probe simulator opens one
 * end and a driver the other. {@link #close()} stops this socat process only.
 */
public final class PtyPair implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(PtyPair.class);
  public static final Path SOCAT = Path.of("/usr/bin/socat");

  private final Process socat;
  private final Path a;
  private final Path b;

  private PtyPair(Process socat, Path a, Path b) {
    this.socat = socat;
    this.a = a;
    this.b = b;
  }

  /** Where socat is, if installed (tests skip, saying so, when it is not). */
  public static Optional<Path> socat() {
    return Files.isExecutable(SOCAT) ? Optional.of(SOCAT) : Optional.empty();
  }

  /**
   * Starts {@code socat -d -d pty,raw,echo=0,link=A pty,raw,echo=0,link=B} and waits up to
   * {@code wait} for both links.
   */
  public static PtyPair open(Path a, Path b, Duration wait) throws IOException, InterruptedException {
    Path socat = socat().orElseThrow(() -> new IOException("socat is not installed at " + SOCAT));
    Files.deleteIfExists(a);
    Files.deleteIfExists(b);
    Process p = new ProcessBuilder(List.of(socat.toString(), "-d", "-d",
        "pty,raw,echo=0,link=" + a, "pty,raw,echo=0,link=" + b))
        .redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.DISCARD)
        .start();
    Instant deadline = Instant.now().plus(wait);
    while (!(Files.exists(a) && Files.exists(b))) {
      if (!p.isAlive()) {
        throw new IOException("socat exited with " + p.exitValue() + " before creating " + a + " and " + b);
      }
      if (Instant.now().isAfter(deadline)) {
        p.destroy();
        throw new IOException("socat did not create " + a + " and " + b + " within " + wait);
      }
      Thread.sleep(20);
    }
    LOG.info("pty pair {} <-> {} (socat pid {})", a, b, p.pid());
    return new PtyPair(p, a, b);
  }

  public String a() {
    return a.toString();
  }

  public String b() {
    return b.toString();
  }

  @Override
  public void close() {
    socat.destroy();
    try {
      socat.waitFor();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    LOG.info("pty pair {} <-> {} closed", a, b);
  }
}
