package fr.beffroi.sim.face.coap;

import fr.beffroi.sim.model.groundwater.AquiferModel;
import fr.beffroi.sim.model.groundwater.ProbeSample;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.eclipse.californium.core.CoapResource;
import org.eclipse.californium.core.CoapServer;
import org.eclipse.californium.core.coap.CoAP.ResponseCode;
import org.eclipse.californium.core.coap.CoAP.Type;
import org.eclipse.californium.core.coap.MediaTypeRegistry;
import org.eclipse.californium.core.config.CoapConfig;
import org.eclipse.californium.core.network.CoapEndpoint;
import org.eclipse.californium.core.server.resources.CoapExchange;
import org.eclipse.californium.elements.config.Configuration;
import org.eclipse.californium.elements.config.UdpConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A groundwater probe as a CoAP server on UDP. {@code GET /level} answers the latest sample as
 * SenML JSON (content format 110); the resource is observable, and observers get a notification
 * whenever the model takes a new hourly sample. The model is checked for a new sample every
 * {@code checkEvery} of wall time (its own clock may run faster), or on {@link #checkForNewSample()}.
 */
public final class GroundwaterCoapServer implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(GroundwaterCoapServer.class);
  public static final String PATH = "level";
  public static final Duration DEFAULT_CHECK_EVERY = Duration.ofMillis(200);

  private final String probeId;
  private final CoapServer server;
  private final LevelResource resource;
  private final ScheduledExecutorService ticker;
  private final String host;
  private final int port;

  private GroundwaterCoapServer(String probeId, CoapServer server, LevelResource resource,
      ScheduledExecutorService ticker, String host, int port) {
    this.probeId = probeId;
    this.server = server;
    this.resource = resource;
    this.ticker = ticker;
    this.host = host;
    this.port = port;
  }

  /** Serves {@code model} as probe {@code probeId}; port 0 picks a free port (see {@link #port()}). */
  public static GroundwaterCoapServer start(String host, int port, String probeId, AquiferModel model) {
    return start(host, port, probeId, model, DEFAULT_CHECK_EVERY);
  }

  public static GroundwaterCoapServer start(String host, int port, String probeId, AquiferModel model,
      Duration checkEvery) {
    Objects.requireNonNull(host, "host");
    Objects.requireNonNull(model, "model");
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException("port must be in [0, 65535], got " + port);
    }
    CoapConfig.register();
    UdpConfig.register();
    // without a file: Configuration.getStandard() would write Californium3.properties into the cwd
    Configuration config = Configuration.createStandardWithoutFile();
    CoapServer server = new CoapServer(config);
    CoapEndpoint endpoint = CoapEndpoint.builder()
        .setConfiguration(config)
        .setInetSocketAddress(new InetSocketAddress(host, port))
        .build();
    server.addEndpoint(endpoint);
    LevelResource resource = new LevelResource(probeId, model);
    server.add(resource);
    server.start();
    int bound = endpoint.getAddress().getPort();
    ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "coap-probe-" + probeId);
      t.setDaemon(true);
      return t;
    });
    ticker.scheduleWithFixedDelay(resource::checkForNewSample, checkEvery.toMillis(), checkEvery.toMillis(),
        TimeUnit.MILLISECONDS);
    LOG.info("probe {}: CoAP server on {}:{} serving /{}", probeId, host, bound, PATH);
    return new GroundwaterCoapServer(probeId, server, resource, ticker, host, bound);
  }

  public String host() {
    return host;
  }

  /** The bound UDP port (the real one when started with port 0). */
  public int port() {
    return port;
  }

  /** {@code coap://host:port/level}. */
  public URI uri() {
    return URI.create("coap://" + host + ":" + port + "/" + PATH);
  }

  /** While on, every answer carries a broken SenML pack (the depth as a string). */
  public void setCorruptPayloads(boolean on) {
    resource.corrupt.set(on);
    LOG.info("probe {}: corrupt payloads {}", probeId, on ? "on" : "off");
  }

  /** Notifies observers now if the model has taken a sample since the last notification. */
  public void checkForNewSample() {
    resource.checkForNewSample();
  }

  public int observerCount() {
    return resource.getObserverCount();
  }

  @Override
  public void close() {
    ticker.shutdownNow();
    server.destroy();
    LOG.info("probe {}: CoAP server on {}:{} stopped", probeId, host, port);
  }

  private static final class LevelResource extends CoapResource {

    private final String baseName;
    private final String probeId;
    private final AquiferModel model;
    private final AtomicBoolean corrupt = new AtomicBoolean();
    private volatile Instant announced;

    LevelResource(String probeId, AquiferModel model) {
      super(PATH);
      this.probeId = probeId;
      this.baseName = "urn:dev:piezo:" + probeId + ":";
      this.model = model;
      this.announced = model.snapshot().time();
      setObservable(true);
      // confirmable notifications: a probe learns that its gateway is gone and drops the relation
      setObserveType(Type.CON);
      getAttributes().setObservable();
      getAttributes().addContentType(MediaTypeRegistry.APPLICATION_SENML_JSON);
    }

    void checkForNewSample() {
      try {
        Instant now = model.snapshot().time();
        if (!now.equals(announced)) {
          announced = now;
          changed();
        }
      } catch (RuntimeException e) {
        LOG.warn("probe {}: cannot check for a new sample: {}", probeId, e.toString());
      }
    }

    @Override
    public void handleGET(CoapExchange exchange) {
      int accept = exchange.getRequestOptions().getAccept();
      if (accept != MediaTypeRegistry.UNDEFINED && accept != MediaTypeRegistry.APPLICATION_SENML_JSON) {
        exchange.respond(ResponseCode.NOT_ACCEPTABLE);
        return;
      }
      ProbeSample sample = model.snapshot();
      byte[] payload = corrupt.get()
          ? SenmlPackWriter.writeCorrupt(baseName, sample)
          : SenmlPackWriter.write(baseName, sample);
      exchange.respond(ResponseCode.CONTENT, payload, MediaTypeRegistry.APPLICATION_SENML_JSON);
    }
  }
}
