package fr.beffroi.edge.driver.groundwater;

import org.eclipse.californium.core.CoapClient;
import org.eclipse.californium.core.CoapHandler;
import org.eclipse.californium.core.CoapObserveRelation;
import org.eclipse.californium.core.CoapResponse;
import org.eclipse.californium.core.coap.MediaTypeRegistry;
import org.eclipse.californium.core.coap.Request;
import org.eclipse.californium.core.config.CoapConfig;
import org.eclipse.californium.core.network.CoapEndpoint;
import org.eclipse.californium.elements.config.Configuration;
import org.eclipse.californium.elements.config.UdpConfig;
import org.eclipse.californium.elements.exception.ConnectorException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * {@link CoapLink} on Eclipse Californium: a client with its own UDP endpoint (so closing one probe
 * never disturbs another), confirmable GETs asking for SenML JSON, and an optional observe relation.
 */
final class CaliforniumCoapLink implements CoapLink {

    private static final Logger LOG = LoggerFactory.getLogger(CaliforniumCoapLink.class);

    private final String deviceId;
    private final URI uri;
    private final CoapEndpoint endpoint;
    private final CoapClient client;
    private CoapObserveRelation relation;

    private CaliforniumCoapLink(String deviceId, URI uri, Duration timeout) throws IOException {
        this.deviceId = deviceId;
        this.uri = uri;
        CoapConfig.register();
        UdpConfig.register();
        // without a file: Configuration.getStandard() would write Californium3.properties into the cwd
        Configuration config = Configuration.createStandardWithoutFile();
        this.endpoint = CoapEndpoint.builder().setConfiguration(config).build();
        this.endpoint.start();
        this.client = new CoapClient(uri);
        this.client.setEndpoint(endpoint);
        this.client.setTimeout(timeout.toMillis());
    }

    static CoapLink.Opener opener(String deviceId, URI uri, Duration timeout) {
        return () -> new CaliforniumCoapLink(deviceId, uri, timeout);
    }

    @Override
    public Optional<Answer> get() throws IOException {
        try {
            CoapResponse response = client.advanced(senmlGet());
            return Optional.ofNullable(response).map(CaliforniumCoapLink::answer);
        } catch (ConnectorException e) {
            throw new IOException("cannot send to " + uri + ": " + e.getMessage(), e);
        }
    }

    @Override
    public synchronized void observe(Consumer<Answer> listener) {
        relation = client.observe(senmlGet().setObserve(), new CoapHandler() {
            @Override
            public void onLoad(CoapResponse response) {
                listener.accept(answer(response));
            }

            @Override
            public void onError() {
                LOG.debug("device {}: observe request to {} failed or was cancelled", deviceId, uri);
            }
        });
    }

    private static Request senmlGet() {
        Request get = Request.newGet();
        get.getOptions().setAccept(MediaTypeRegistry.APPLICATION_SENML_JSON);
        return get;
    }

    private static Answer answer(CoapResponse r) {
        int format = r.getOptions().hasContentFormat() ? r.getOptions().getContentFormat() : -1;
        return new Answer(r.getCode().text, r.isSuccess(), format, r.getPayload());
    }

    @Override
    public synchronized void close() {
        if (relation != null) {
            // reactive: the probe may be gone; the next notification it sends is answered with RST
            relation.reactiveCancel();
            relation = null;
        }
        client.shutdown();
        endpoint.destroy();
    }
}
