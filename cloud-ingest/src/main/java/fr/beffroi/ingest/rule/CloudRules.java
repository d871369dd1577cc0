package fr.beffroi.ingest.rule;

import fr.beffroi.ingest.app.ConfigException;
import fr.beffroi.ingest.booking.BookingListener;
import fr.beffroi.ingest.booking.BookingRecord;
import fr.beffroi.ingest.metrics.IngestMetrics;
import fr.beffroi.profiles.wire.BatchAck;
import fr.beffroi.profiles.wire.ReadingBatch;
import fr.beffroi.rules.eval.ActionSink;
import fr.beffroi.rules.eval.RuleEngine;
import fr.beffroi.rules.load.RulesLoader;
import fr.beffroi.rules.load.RulesValidationException;
import fr.beffroi.rules.model.Booking;
import fr.beffroi.rules.model.RuleSet;
import fr.beffroi.rules.model.Site;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.sql.DataSource;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The cloud rules of every tenant that has a rule file: the batches' readings once committed and
 * the booking changes once stored go to the tenant's {@link TenantRules}.
 */
public final class CloudRules implements BookingListener, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(CloudRules.class);

    private final Map<String, TenantRules> byTenant;

    private CloudRules(Map<String, TenantRules> byTenant) {
        this.byTenant = byTenant;
    }

    /** No rules: every call is a no-op. */
    public static CloudRules none() {
        return new CloudRules(Map.of());
    }

    /**
     * Loads every {@code <tenant>.yaml} of {@code dir} and builds an engine of its {@code runs: cloud}
     * rules. Refuses to start ({@link ConfigException}) on any bad file, with the loader's messages
     * (file, line, column, rule), or a file whose {@code tenant:} is not its name. Not started yet.
     */
    public static CloudRules load(Path dir, DataSource dataSource, ActionSink sink, Clock clock, Duration tickPeriod,
                                  IngestMetrics metrics) {
        List<String> problems = new ArrayList<>();
        Map<String, RuleSet> sets = new LinkedHashMap<>();
        RulesLoader loader = new RulesLoader();
        List<Path> files;
        try (Stream<Path> s = Files.list(dir)) {
            files = s.filter(f -> f.getFileName().toString().endsWith(".yaml")).sorted().toList();
        } catch (IOException e) {
            throw new ConfigException(List.of("rules.dir: not readable: " + dir + ": " + e.getMessage()));
        }
        for (Path f : files) {
            String name = f.getFileName().toString();
            String tenant = name.substring(0, name.length() - ".yaml".length());
            try {
                RuleSet set = loader.load(f);
                if (!set.tenant().equals(tenant)) {
                    problems.add(name + ": tenant " + set.tenant() + " in a file named for tenant " + tenant);
                } else {
                    sets.put(tenant, set.forSite(Site.CLOUD));
                }
            } catch (RulesValidationException e) {
                problems.addAll(e.errors());
            } catch (RuntimeException e) {
                problems.add(name + ": " + e.getMessage());
            }
        }
        if (!problems.isEmpty()) throw new ConfigException(problems);
        Map<String, TenantRules> byTenant = new LinkedHashMap<>();
        sets.forEach((tenant, set) -> byTenant.put(tenant, new TenantRules(tenant,
                new RuleEngine(set, new PgRuleStateStore(dataSource, tenant, clock), sink, clock), clock, tickPeriod,
                metrics)));
        LOG.info("cloud rules loaded from {}: {}", dir, byTenant.keySet());
        return new CloudRules(byTenant);
    }

    /** Restores each engine and tells it its tenant's bookings not yet ended. */
    public void start(List<BookingRecord> notEnded) throws Exception {
        for (TenantRules t : byTenant.values()) {
            t.start(notEnded.stream().filter(b -> b.tenant().equals(t.tenant())).map(BookingRecord::toRules).toList());
        }
    }

    /**
     * Batches just committed, with their acks. Called by the writer after the commit (never before:
     * a rule must not act on data that is not stored); a batch wholly made of duplicates is not fed
     * again. Queues and returns at once.
     */
    public void committed(List<ReadingBatch> batches, List<BatchAck> acks) {
        if (byTenant.isEmpty()) return;
        for (int i = 0; i < batches.size(); i++) {
            ReadingBatch b = batches.get(i);
            if (i < acks.size() && acks.get(i).stored() == 0) continue;
            TenantRules t = byTenant.get(b.tenant());
            if (t != null) t.readings(b.readings());
        }
    }

    @Override
    public void booked(BookingRecord booking) {
        TenantRules t = byTenant.get(booking.tenant());
        if (t != null) t.booked(booking.toRules());
    }

    @Override
    public void cancelled(BookingRecord booking) {
        TenantRules t = byTenant.get(booking.tenant());
        if (t != null) t.cancelled(booking.id());
    }

    public Optional<TenantRules> tenant(String tenant) {
        return Optional.ofNullable(byTenant.get(tenant));
    }

    /** Ticks every engine now (tests with a leaping clock). */
    public void tickAll() {
        byTenant.values().forEach(TenantRules::tick);
    }

    @Override
    public void close() {
        byTenant.values().forEach(TenantRules::close);
    }
}
