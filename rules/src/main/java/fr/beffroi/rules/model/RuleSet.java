package fr.beffroi.rules.model;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The rules of one tenant (a commune), as loaded from its file.
 *
 * @param location absent when the file gives none; then no rule may use a {@code sun:} trigger, and
 *                 cron expressions are read in {@link Location#DEFAULT_ZONE}
 */
public record RuleSet(String tenant, Optional<Location> location, List<Rule> rules) {
    public RuleSet {
        Objects.requireNonNull(tenant, "tenant");
        Objects.requireNonNull(location, "location");
        rules = List.copyOf(rules);
    }

    /** The rules that execute at {@code site}: an engine is built for one site. */
    public RuleSet forSite(Site site) {
        return new RuleSet(tenant, location, rules.stream().filter(r -> r.runs() == site).toList());
    }

    public java.time.ZoneId zone() {
        return location.map(Location::zone).orElse(Location.DEFAULT_ZONE);
    }

    public Optional<Rule> rule(String id) {
        return rules.stream().filter(r -> r.id().equals(id)).findFirst();
    }
}
