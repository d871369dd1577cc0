package fr.beffroi.edge.downlink;

import fr.beffroi.edge.buffer.AllowListStore;
import fr.beffroi.edge.driver.access.AllowListPolicy;
import fr.beffroi.edge.uplink.Uplink;
import fr.beffroi.edge.uplink.UplinkTransport;
import fr.beffroi.profiles.wire.AllowList;
import fr.beffroi.profiles.wire.Topics;
import fr.beffroi.profiles.wire.WireCodec;
import fr.beffroi.profiles.wire.WireFormatException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.Objects;

/**
 * The doors' allow-list from the cloud: subscribed on the gateway's {@code down/allowlist} topic
 * through the uplink's connection, decoded strictly (a malformed list, or one for another tenant
 * or gateway, is logged with its reason and kept in the store's dead letters; the previous list
 * stays in force). A list whose version is not above the one held is ignored (a late duplicate).
 * A newer one is stored durably first, then installed in the {@link AllowListPolicy} the doors
 * ask; handled on this class's own thread, off the MQTT client's.
 */
public final class AllowListDownlink implements Uplink.Rider, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(AllowListDownlink.class);

    private final String tenant;
    private final String gateway;
    private final String topic;
    private final AllowListStore store;
    private final AllowListPolicy policy;
    private final MessageWorker worker;

    public AllowListDownlink(String tenant, String gateway, AllowListStore store, AllowListPolicy policy) {
        this.tenant = Objects.requireNonNull(tenant, "tenant");
        this.gateway = Objects.requireNonNull(gateway, "gateway");
        this.topic = Topics.allowList(tenant, gateway);
        this.store = Objects.requireNonNull(store, "store");
        this.policy = Objects.requireNonNull(policy, "policy");
        this.worker = new MessageWorker("allowlist-" + gateway);
    }

    /** Installs the stored list, if any: the doors work from it before (or without) any connection. */
    public void restore() {
        store.latest().ifPresentOrElse(list -> {
            policy.install(list);
            LOG.info("gateway {}/{}: allow-list version {} restored, {} grants, valid until {}", tenant, gateway,
                    list.version(), list.entries().size(), list.validUntil());
        }, () -> LOG.info("gateway {}/{}: no allow-list stored yet, doors deny every badge until one comes", tenant,
                gateway));
    }

    @Override
    public List<String> subscriptions() {
        return List.of(topic);
    }

    @Override
    public void onMessage(String topic, byte[] payload) {
        if (!worker.offer(() -> handle(payload))) {
            LOG.info("gateway {}/{}: allow-list received while stopping, left for the next one", tenant, gateway);
        }
    }

    /** Handles one allow-list message to the end. */
    public void handle(byte[] payload) {
        AllowList list;
        try {
            list = WireCodec.decodeAllowList(payload);
        } catch (WireFormatException e) {
            refuse(payload, e.getMessage());
            return;
        }
        if (!tenant.equals(list.tenant()) || !gateway.equals(list.gateway())) {
            refuse(payload, "list for " + list.tenant() + "/" + list.gateway() + ", this gateway is " + tenant + "/"
                    + gateway);
            return;
        }
        long held = policy.current().map(AllowList::version).orElse(Long.MIN_VALUE);
        if (list.version() <= held) {
            LOG.info("gateway {}/{}: allow-list version {} ignored, version {} is in force", tenant, gateway,
                    list.version(), held);
            return;
        }
        store.save(list);
        policy.install(list);
        LOG.info("gateway {}/{}: allow-list version {} in force, {} grants, valid until {}", tenant, gateway,
                list.version(), list.entries().size(), list.validUntil());
    }

    private void refuse(byte[] payload, String reason) {
        LOG.warn("gateway {}/{}: allow-list refused, kept in the dead letters, previous list stays in force: {}",
                tenant, gateway, reason);
        store.deadLetter(payload, reason);
    }

    @Override
    public void pump(UplinkTransport transport) {
    }

    @Override
    public void disconnected() {
    }

    @Override
    public void close() {
        worker.close();
    }
}
