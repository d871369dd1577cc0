package fr.beffroi.ingest.endpoint.mqtt;

import fr.beffroi.ingest.ack.Answers;
import fr.beffroi.ingest.ack.IngestOutcome;
import fr.beffroi.ingest.auth.Gateway;
import fr.beffroi.ingest.auth.GatewayAuthenticator;
import fr.beffroi.ingest.command.CommandService;
import fr.beffroi.ingest.decode.Intake;
import fr.beffroi.ingest.metrics.IngestMetrics;
import fr.beffroi.ingest.access.AllowLists;
import fr.beffroi.profiles.wire.AllowList;
import fr.beffroi.profiles.wire.BatchAck;
import fr.beffroi.profiles.wire.Command;
import fr.beffroi.profiles.wire.Topics;
import fr.beffroi.profiles.wire.WireCodec;
import io.netty.handler.codec.mqtt.MqttConnectReturnCode;
import io.netty.handler.codec.mqtt.MqttProperties;
import io.netty.handler.codec.mqtt.MqttQoS;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.json.JsonObject;
import io.vertx.mqtt.MqttAuth;
import io.vertx.mqtt.MqttEndpoint;
import io.vertx.mqtt.MqttServer;
import io.vertx.mqtt.MqttServerOptions;
import io.vertx.core.net.PemKeyCertOptions;
import io.vertx.mqtt.MqttTopicSubscription;
import io.vertx.mqtt.messages.MqttPublishMessage;
import io.vertx.mqtt.messages.MqttSubscribeMessage;
import io.vertx.mqtt.messages.codes.MqttDisconnectReasonCode;
import io.vertx.mqtt.messages.codes.MqttSubAckReasonCode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The MQTT endpoint the ingest node terminates itself (MQTT 5 and 3.1.1). A gateway logs in with
 * its id and secret, may subscribe only under its own {@code down/} topics, and publishes ReadingBatches on its
 * readings topic at QoS 1. Nothing is auto-acknowledged: the PUBACK and the BatchAck leave only
 * once the outcome is durable, and PUBACKs leave in the order the PUBLISHes came (MQTT 4.6).
 *
 * <p>It is also the command downlink: once a gateway has subscribed to its {@code down/commands}
 * topic, its pending unexpired commands are published at QoS 1 (again on every (re)subscribe, and
 * whenever one is issued), and the results it publishes on {@code up/command-results} go to the
 * {@link CommandService}.
 *
 * <p>And the allow-list downlink: a gateway subscribed to {@code down/allowlist} gets its current
 * {@link AllowList} (QoS 1) on every subscribe and whenever {@link AllowLists#CHANGED_ADDRESS}
 * announces a new one for it.
 */
public final class MqttIngestServer {
    private static final Logger LOG = LoggerFactory.getLogger(MqttIngestServer.class);
    static final String ENDPOINT = "mqtt";
    private static final int MQTT_5 = 5;

    private final Vertx vertx;
    private final GatewayAuthenticator authenticator;
    private final Intake intake;
    private final IngestMetrics metrics;
    private final CommandService commands;
    private final AllowLists allowLists;
    private final Map<String, Session> sessions = new ConcurrentHashMap<>();
    private MqttServer server;
    private MessageConsumer<JsonObject> issued;
    private MessageConsumer<JsonObject> allowListChanged;

    public MqttIngestServer(Vertx vertx, GatewayAuthenticator authenticator, Intake intake, IngestMetrics metrics,
                            CommandService commands) {
        this(vertx, authenticator, intake, metrics, commands, null);
    }

    /** @param allowLists the doors' allow-lists; null = this node sends none */
    public MqttIngestServer(Vertx vertx, GatewayAuthenticator authenticator, Intake intake, IngestMetrics metrics,
                            CommandService commands, AllowLists allowLists) {
        this.allowLists = allowLists;
        this.vertx = vertx;
        this.authenticator = authenticator;
        this.intake = intake;
        this.metrics = metrics;
        this.commands = commands;
    }

    /**
     * Starts listening; completes with the bound port (useful when 0 was asked).
     *
     * @param tls the server's certificate and key for MQTT over TLS; empty for plain TCP
     */
    public Future<Integer> listen(String host, int port, int maxMessageBytes, Optional<PemKeyCertOptions> tls) {
        MqttServerOptions options = new MqttServerOptions().setHost(host).setPort(port)
                .setMaxMessageSize(maxMessageBytes);
        tls.ifPresent(keyCert -> options.setSsl(true).setKeyCertOptions(keyCert));
        server = MqttServer.create(vertx, options);
        server.endpointHandler(this::onConnect)
                .exceptionHandler(e -> LOG.warn("MQTT server error: {}", e.toString()));
        issued = vertx.eventBus().consumer(CommandService.ISSUED_ADDRESS, m -> {
            Session session = sessions.get(m.body().getString("tenant") + "/" + m.body().getString("gateway"));
            if (session != null) session.pushCommands();
        });
        allowListChanged = vertx.eventBus().consumer(AllowLists.CHANGED_ADDRESS, m -> {
            Session session = sessions.get(m.body().getString("tenant") + "/" + m.body().getString("gateway"));
            if (session != null) session.pushAllowList();
        });
        return server.listen().map(MqttServer::actualPort);
    }

    public Future<Void> close() {
        if (issued != null) issued.unregister();
        if (allowListChanged != null) allowListChanged.unregister();
        return server == null ? Future.succeededFuture() : server.close();
    }

    private void onConnect(MqttEndpoint endpoint) {
        MqttAuth auth = endpoint.auth();
        String user = auth == null ? null : auth.getUsername();
        String secret = auth == null ? null : auth.getPassword();
        boolean v5 = endpoint.protocolVersion() == MQTT_5;
        vertx.executeBlocking(() -> authenticator.authenticate(user, secret), false).onComplete(ar -> {
            if (ar.failed() || ar.result().gateway() == null) {
                GatewayAuthenticator.Failure failure = ar.failed() ? GatewayAuthenticator.Failure.BAD_SECRET
                        : ar.result().failure();
                metrics.authFailure(ENDPOINT, failure.name().toLowerCase(java.util.Locale.ROOT));
                LOG.warn("MQTT connection from {} refused for gateway {}: {}", endpoint.remoteAddress(), user, failure);
                endpoint.reject(refusal(failure, v5));
                return;
            }
            accept(endpoint, ar.result().gateway(), v5);
        });
    }

    private static MqttConnectReturnCode refusal(GatewayAuthenticator.Failure failure, boolean v5) {
        if (failure == GatewayAuthenticator.Failure.MISSING_CREDENTIALS) {
            return v5 ? MqttConnectReturnCode.CONNECTION_REFUSED_NOT_AUTHORIZED_5
                    : MqttConnectReturnCode.CONNECTION_REFUSED_NOT_AUTHORIZED;
        }
        return v5 ? MqttConnectReturnCode.CONNECTION_REFUSED_BAD_USERNAME_OR_PASSWORD
                : MqttConnectReturnCode.CONNECTION_REFUSED_BAD_USER_NAME_OR_PASSWORD;
    }

    private void accept(MqttEndpoint endpoint, Gateway gateway, boolean v5) {
        Session session = new Session(endpoint, gateway, v5);
        endpoint.publishAutoAck(false);
        endpoint.subscriptionAutoAck(false);
        endpoint.publishHandler(session::onPublish);
        endpoint.subscribeHandler(session::onSubscribe);
        endpoint.unsubscribeHandler(m -> {
            m.topics().forEach(session.filters::remove);
            endpoint.unsubscribeAcknowledge(m.messageId());
        });
        endpoint.closeHandler(v -> {
            sessions.remove(session.key(), session);
            LOG.info("gateway {} (tenant {}) disconnected", gateway.id(), gateway.tenant());
        });
        endpoint.exceptionHandler(e -> LOG.warn("gateway {} (tenant {}) connection error: {}", gateway.id(),
                gateway.tenant(), e.toString()));
        endpoint.accept(false);
        Session replaced = sessions.put(session.key(), session);
        MqttEndpoint previous = replaced == null ? null : replaced.endpoint;
        if (previous != null && previous != endpoint && previous.isConnected()) {
            // One connection per gateway (MQTT 3.1.4-3): the newer one wins.
            LOG.info("gateway {} (tenant {}) reconnected; closing its previous connection", gateway.id(),
                    gateway.tenant());
            if (previous.protocolVersion() == MQTT_5) {
                previous.disconnect(MqttDisconnectReasonCode.SESSION_TAKEN_OVER, MqttProperties.NO_PROPERTIES);
            }
            previous.close();
        }
        LOG.info("gateway {} (tenant {}) connected over MQTT {}", gateway.id(), gateway.tenant(), v5 ? "5" : "3.1.1");
    }

    /** One connected gateway: its grants and the order its PUBACKs must keep. */
    private final class Session {
        final MqttEndpoint endpoint;
        final Gateway gateway;
        final boolean v5;
        final String ownPrefix;
        /** A gateway subscribes to what the cloud sends it, never to what it or its peers send up. */
        final String downPrefix;
        final String acksTopic;
        final String commandsTopic;
        final String resultsTopic;
        final String allowListTopic;
        final Set<String> filters = ConcurrentHashMap.newKeySet();
        Future<Void> ackTail = Future.succeededFuture();

        Session(MqttEndpoint endpoint, Gateway gateway, boolean v5) {
            this.endpoint = endpoint;
            this.gateway = gateway;
            this.v5 = v5;
            this.ownPrefix = Topics.of(gateway.tenant(), gateway.id(), "");
            this.downPrefix = Topics.of(gateway.tenant(), gateway.id(), "down/");
            this.acksTopic = Topics.acks(gateway.tenant(), gateway.id());
            this.commandsTopic = Topics.commands(gateway.tenant(), gateway.id());
            this.resultsTopic = Topics.commandResults(gateway.tenant(), gateway.id());
            this.allowListTopic = Topics.allowList(gateway.tenant(), gateway.id());
        }

        String key() {
            return gateway.tenant() + "/" + gateway.id();
        }

        void onSubscribe(MqttSubscribeMessage message) {
            List<MqttSubAckReasonCode> codes = new ArrayList<>();
            List<MqttQoS> qos = new ArrayList<>();
            for (MqttTopicSubscription s : message.topicSubscriptions()) {
                if (TopicFilters.isUnder(s.topicName(), downPrefix)) {
                    filters.add(s.topicName());
                    boolean zero = s.qualityOfService() == MqttQoS.AT_MOST_ONCE;
                    codes.add(zero ? MqttSubAckReasonCode.GRANTED_QOS0 : MqttSubAckReasonCode.GRANTED_QOS1);
                    qos.add(zero ? MqttQoS.AT_MOST_ONCE : MqttQoS.AT_LEAST_ONCE);
                } else {
                    LOG.warn("gateway {} (tenant {}) may not subscribe to {}", gateway.id(), gateway.tenant(),
                            s.topicName());
                    codes.add(MqttSubAckReasonCode.NOT_AUTHORIZED);
                    qos.add(MqttQoS.FAILURE);
                }
            }
            if (v5) {
                endpoint.subscribeAcknowledge(message.messageId(), codes, MqttProperties.NO_PROPERTIES);
            } else {
                endpoint.subscribeAcknowledge(message.messageId(), qos);
            }
            boolean commandsGranted = message.topicSubscriptions().stream()
                    .anyMatch(s -> TopicFilters.isUnder(s.topicName(), downPrefix)
                            && TopicFilters.matches(s.topicName(), commandsTopic));
            // Every (re)subscribe: what was issued while the gateway was away, or sent but unanswered.
            if (commandsGranted) pushCommands();
            boolean allowListGranted = message.topicSubscriptions().stream()
                    .anyMatch(s -> TopicFilters.isUnder(s.topicName(), downPrefix)
                            && TopicFilters.matches(s.topicName(), allowListTopic));
            if (allowListGranted) pushAllowList();
        }

        /**
         * Publishes the gateway's current allow-list at QoS 1, if it is subscribed and holds doors.
         * Lists may cross on the wire; the gateway keeps the highest version.
         */
        void pushAllowList() {
            if (allowLists == null || !endpoint.isConnected()
                    || filters.stream().noneMatch(f -> TopicFilters.matches(f, allowListTopic))) {
                return;
            }
            allowLists.forGateway(gateway).onSuccess(list -> list.ifPresent(l -> {
                if (!endpoint.isConnected()) return;
                endpoint.publish(allowListTopic, Buffer.buffer(WireCodec.encode(l)), MqttQoS.AT_LEAST_ONCE, false,
                                false)
                        .onSuccess(v -> LOG.info("allow-list v{} sent to gateway {} (tenant {}): {} grants, valid until {}",
                                l.version(), gateway.id(), gateway.tenant(), l.entries().size(), l.validUntil()))
                        .onFailure(e -> LOG.warn("allow-list v{} to gateway {} (tenant {}) not sent: {}", l.version(),
                                gateway.id(), gateway.tenant(), e.toString()));
            })).onFailure(e -> LOG.warn("allow-list of gateway {} (tenant {}) not built: {}", gateway.id(),
                    gateway.tenant(), e.toString()));
        }

        /**
         * Marks the gateway's pending commands SENT, then publishes them at QoS 1: marked first, so
         * that the audit never shows a result before the SENT it answers. A publish that fails
         * leaves the command SENT, and SENT commands are pushed again on the next subscribe. A
         * command may go out twice (a subscribe and an issue at the same moment, a reconnect before
         * any result): the gateway executes a command id once.
         */
        void pushCommands() {
            if (!endpoint.isConnected() || filters.stream().noneMatch(f -> TopicFilters.matches(f, commandsTopic))) {
                return;
            }
            commands.pending(gateway).onSuccess(pending -> {
                for (Command c : pending) {
                    if (!endpoint.isConnected()) return;
                    commands.markSent(c.id())
                            .compose(v -> endpoint.isConnected()
                                    ? endpoint.publish(commandsTopic, Buffer.buffer(WireCodec.encode(c)),
                                            MqttQoS.AT_LEAST_ONCE, false, false)
                                    : Future.failedFuture("gateway disconnected"))
                            .onSuccess(v -> LOG.info("command {} sent to gateway {} (tenant {}): {} {} = {}", c.id(),
                                    gateway.id(), gateway.tenant(), c.device(), c.point(), c.value()))
                            .onFailure(e -> LOG.warn("command {} to gateway {} (tenant {}) not sent: {}", c.id(),
                                    gateway.id(), gateway.tenant(), e.toString()));
                }
            }).onFailure(e -> LOG.warn("pending commands of gateway {} (tenant {}) not read: {}", gateway.id(),
                    gateway.tenant(), e.toString()));
        }

        void onPublish(MqttPublishMessage message) {
            if (message.qosLevel() == MqttQoS.EXACTLY_ONCE) {
                LOG.warn("gateway {} (tenant {}) published at QoS 2, which this endpoint does not take",
                        gateway.id(), gateway.tenant());
                if (v5) endpoint.disconnect(MqttDisconnectReasonCode.QOS_NOT_SUPPORTED, MqttProperties.NO_PROPERTIES);
                endpoint.close();
                return;
            }
            byte[] payload = message.payload().getBytes();
            String topic = message.topicName();
            Future<IngestOutcome> outcome;
            if (topic.equals(Topics.readings(gateway.tenant(), gateway.id()))) {
                outcome = intake.ingest(ENDPOINT, gateway, topic, payload);
            } else if (topic.equals(resultsTopic)) {
                outcome = commands.result(ENDPOINT, gateway, topic, payload);
            } else if (topic.startsWith(ownPrefix)) {
                outcome = intake.refuse(ENDPOINT, gateway, topic, payload, IngestOutcome.Kind.UNSUPPORTED_TOPIC,
                        "topic " + topic + " is not taken by this node", null);
            } else {
                outcome = intake.refuse(ENDPOINT, gateway, topic, payload, IngestOutcome.Kind.FORBIDDEN,
                        "gateway " + gateway.id() + " of tenant " + gateway.tenant() + " may not publish on " + topic,
                        null);
            }
            // Answers leave in arrival order even when a later message's outcome is known first.
            Future<Void> previous = ackTail;
            ackTail = previous.transform(ignored -> outcome).map(o -> {
                answer(message, o);
                return null;
            });
        }

        private void answer(MqttPublishMessage message, IngestOutcome outcome) {
            if (!endpoint.isConnected()) return;
            if (!v5 && Answers.dropV3Connection(outcome)) {
                // MQTT 3.1.1 has no negative PUBACK: closing keeps the message un-acknowledged.
                endpoint.close();
                return;
            }
            outcome.batchAck().ifPresent(this::publishAck);
            if (message.qosLevel() == MqttQoS.AT_LEAST_ONCE) {
                if (v5) {
                    endpoint.publishAcknowledge(message.messageId(), Answers.pubAck(outcome), MqttProperties.NO_PROPERTIES);
                } else {
                    endpoint.publishAcknowledge(message.messageId());
                }
            }
        }

        private void publishAck(BatchAck ack) {
            if (filters.stream().noneMatch(f -> TopicFilters.matches(f, acksTopic))) {
                LOG.debug("gateway {} (tenant {}) not subscribed to {}; BatchAck {}..{} not sent", gateway.id(),
                        gateway.tenant(), acksTopic, ack.seqFrom(), ack.seqTo());
                return;
            }
            endpoint.publish(acksTopic, Buffer.buffer(WireCodec.encode(ack)), MqttQoS.AT_LEAST_ONCE, false, false)
                    .onFailure(e -> LOG.warn("BatchAck {}..{} to gateway {} (tenant {}) not sent: {}", ack.seqFrom(),
                            ack.seqTo(), gateway.id(), gateway.tenant(), e.toString()));
        }
    }
}
