package fr.beffroi.edge.uplink;

import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttActionListener;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttCallback;
import org.eclipse.paho.mqttv5.client.MqttClientException;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.MqttDisconnectResponse;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.MqttSubscription;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.net.ssl.SSLSocketFactory;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * {@link UplinkTransport} on Eclipse Paho's MQTT v5 client: QoS 1, clean start off with a session
 * expiry (so acks published while we were offline wait for us at the broker), username/password,
 * automatic reconnect off. Paho keeps its in-flight state in memory only: the durable copy of
 * every reading is our buffer, and a reconnect resends from it.
 *
 * <p>Trap: Paho 1.2.5 completes a publish token <em>successfully</em> even when the PUBACK
 * carries a failure reason code (0x80 and above), so the codes are checked here.
 */
public final class PahoTransport implements UplinkTransport {
    private static final Logger LOG = LoggerFactory.getLogger(PahoTransport.class);

    private final String serverUri;
    private final String clientId;
    private final String username;
    private final byte[] password;
    private final Duration sessionExpiry;
    private final Optional<SSLSocketFactory> tls;
    private volatile MqttAsyncClient client;

    /**
     * @param password the password bytes, or null for a broker without authentication
     */
    public PahoTransport(String serverUri, String clientId, String username, byte[] password, Duration sessionExpiry) {
        this(serverUri, clientId, username, password, sessionExpiry, Optional.empty());
    }

    /**
     * @param tls for {@code ssl://} URLs, sockets trusting a given CA ({@link TrustedCa}); empty for
     *            the JVM's default authorities
     */
    public PahoTransport(String serverUri, String clientId, String username, byte[] password, Duration sessionExpiry,
                         Optional<SSLSocketFactory> tls) {
        this.serverUri = Objects.requireNonNull(serverUri, "serverUri");
        this.clientId = Objects.requireNonNull(clientId, "clientId");
        this.username = username;
        this.password = password == null ? null : password.clone();
        this.sessionExpiry = Objects.requireNonNull(sessionExpiry, "sessionExpiry");
        this.tls = Objects.requireNonNull(tls, "tls");
    }

    @Override
    public synchronized void connect(List<String> subscriptions, Listener listener, Duration timeout)
            throws PublishException {
        close();
        final MqttAsyncClient c;
        try {
            c = new MqttAsyncClient(serverUri, clientId, new MemoryPersistence());
        } catch (MqttException e) {
            throw new PublishException(e.getReasonCode(), "cannot create MQTT client for " + serverUri, e);
        }
        c.setCallback(new MqttCallback() {
            @Override
            public void disconnected(MqttDisconnectResponse response) {
                // Only the current client's loss matters; a replaced one reports its own close late.
                if (client == c) listener.onConnectionLost(String.valueOf(response));
            }

            @Override
            public void mqttErrorOccurred(MqttException exception) {
                LOG.warn("client {}: MQTT error (code {})", clientId, exception.getReasonCode(), exception);
            }

            @Override
            public void messageArrived(String topic, MqttMessage message) {
                listener.onMessage(topic, message.getPayload());
            }

            @Override
            public void deliveryComplete(IMqttToken token) {
            }

            @Override
            public void connectComplete(boolean reconnect, String uri) {
            }

            @Override
            public void authPacketArrived(int reasonCode, MqttProperties properties) {
            }
        });
        MqttConnectionOptions options = new MqttConnectionOptions();
        options.setCleanStart(false);
        options.setSessionExpiryInterval(sessionExpiry.toSeconds());
        options.setAutomaticReconnect(false);
        options.setKeepAliveInterval(30);
        options.setConnectionTimeout((int) Math.max(1, timeout.toSeconds()));
        if (username != null) options.setUserName(username);
        if (password != null) options.setPassword(password.clone());
        tls.ifPresent(options::setSocketFactory);
        long waitMillis = Math.max(1, timeout.toMillis());
        try {
            c.connect(options).waitForCompletion(waitMillis);
            if (!c.isConnected()) throw new MqttException(MqttClientException.REASON_CODE_CLIENT_TIMEOUT);
            for (String topic : subscriptions) {
                IMqttToken sub = c.subscribe(new MqttSubscription(topic, 1));
                sub.waitForCompletion(waitMillis);
                int[] codes = sub.getReasonCodes();
                if (codes != null) {
                    for (int code : codes) {
                        if (code >= 0x80) throw new MqttException(code);
                    }
                }
            }
        } catch (MqttException e) {
            closeQuietly(c);
            throw new PublishException(e.getReasonCode(), "cannot connect to " + serverUri + ": " + describe(e), e);
        }
        client = c;
    }

    /**
     * Paho's own text, then the cause it wraps: a refused TLS handshake is otherwise only
     * "Untranslated MqttException - RC: 0", where the technician needs "PKIX path building failed".
     */
    private static String describe(MqttException e) {
        Throwable cause = e.getCause();
        return cause == null ? String.valueOf(e.getMessage())
                : e.getMessage() + " (" + cause.getClass().getSimpleName() + ": " + cause.getMessage() + ")";
    }

    @Override
    public CompletableFuture<Void> publish(String topic, byte[] payload) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        MqttAsyncClient c = client;
        if (c == null) {
            done.completeExceptionally(new PublishException(MqttClientException.REASON_CODE_CLIENT_NOT_CONNECTED,
                    "not connected", null));
            return done;
        }
        MqttMessage message = new MqttMessage(payload);
        message.setQos(1);
        try {
            c.publish(topic, message, null, new MqttActionListener() {
                @Override
                public void onSuccess(IMqttToken token) {
                    int[] codes = token.getReasonCodes();
                    if (codes != null) {
                        for (int code : codes) {
                            if (code >= 0x80) {
                                done.completeExceptionally(new PublishException(code,
                                        "broker refused the message on " + topic, null));
                                return;
                            }
                        }
                    }
                    done.complete(null);
                }

                @Override
                public void onFailure(IMqttToken token, Throwable exception) {
                    int code = exception instanceof MqttException m ? m.getReasonCode() : PublishException.NO_CODE;
                    done.completeExceptionally(new PublishException(code, String.valueOf(exception.getMessage()), exception));
                }
            });
        } catch (MqttException e) {
            done.completeExceptionally(new PublishException(e.getReasonCode(), e.getMessage(), e));
        }
        return done;
    }

    @Override
    public boolean isConnected() {
        MqttAsyncClient c = client;
        return c != null && c.isConnected();
    }

    @Override
    public synchronized void close() {
        MqttAsyncClient c = client;
        client = null;
        if (c != null) closeQuietly(c);
    }

    private void closeQuietly(MqttAsyncClient c) {
        try {
            if (c.isConnected()) c.disconnect().waitForCompletion(2_000);
        } catch (MqttException e) {
            LOG.debug("client {}: disconnect failed", clientId, e);
        }
        try {
            c.close(true);
        } catch (MqttException e) {
            LOG.debug("client {}: close failed", clientId, e);
        }
    }
}
