package fr.beffroi.edge.rules;

import fr.beffroi.edge.actuator.Actuator;
import fr.beffroi.edge.actuator.CommandExecutor;
import fr.beffroi.edge.driver.DeviceException;
import fr.beffroi.edge.testing.MutableClock;
import fr.beffroi.profiles.wire.Quality;
import fr.beffroi.profiles.wire.Reading;
import fr.beffroi.rules.eval.RuleEngine;
import fr.beffroi.rules.model.Action;
import fr.beffroi.rules.load.RulesLoader;
import fr.beffroi.rules.model.RuleSet;
import fr.beffroi.rules.model.Site;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;

/** The edge rules' engine on the SQLite state store with local execution, on a leaping clock. */
class RuleActionsTest {
    private static final String RULES = """
            tenant: liancourt
            rules:
              - id: gym-lights
                runs: edge
                inputs: {presence: {device: bms-ecole, point: zone1.presence}}
                if: "presence > 0.0"
                for: 5m
                then: [ {command: {device: bms-ecole, point: zone1.light1, value: 1, expires: 2m}} ]
                else: [ {command: {device: bms-ecole, point: zone1.light1, value: 0, expires: 2m}} ]
              - id: hall-relay
                runs: edge
                inputs: {presence: {device: bms-ecole, point: zone2.presence}}
                if: "presence > 0.0"
                then: [ {command: {device: hall-relay, point: lights, value: 1, expires: 2m}},
                        {alert: {level: warning, message: "hall occupied"}} ]
              - id: cloud-only
                inputs: {presence: {device: bms-ecole, point: zone1.presence}}
                if: "presence > 0.0"
                then: [ {alert: {message: "never here"}} ]
            """;

    @TempDir
    Path dir;

    private final MutableClock clock = MutableClock.at("2027-01-12T08:00:00Z");
    private final RuleSet rules = new RulesLoader().parse("liancourt.yaml", RULES).forSite(Site.EDGE);
    private final List<String> writes = new CopyOnWriteArrayList<>();
    private final List<Reading> audit = new CopyOnWriteArrayList<>();
    private volatile boolean deviceDown;

    private final Actuator bms = (point, value) -> {
        if (deviceDown) throw new DeviceException(DeviceException.Kind.UNREACHABLE, "bms-ecole: no answer");
        writes.add(point + "=" + value);
    };

    private RuleEngine engine(SqliteRuleStateStore store, RuleActions actions) {
        RuleEngine e = new RuleEngine(rules, store, actions, clock);
        e.restore();
        return e;
    }

    private RuleActions actions(SqliteRuleStateStore store) {
        return new RuleActions("gw1", Set.of("bms-ecole"), new CommandExecutor(Map.of("bms-ecole", bms), clock), store,
                audit::addAll, clock, new PrometheusRegistry());
    }

    private Reading presence(String zone, double v) {
        return new Reading(0, "bms-ecole", zone + ".presence", clock.instant(), v, "1", Quality.GOOD);
    }

    @Test
    void forSurvivesARestartAndTheCommandRunsLocallyWithItsAudit() {
        Path state = dir.resolve("rule-state.db");
        try (SqliteRuleStateStore store = SqliteRuleStateStore.open(state, clock)) {
            RuleEngine e = engine(store, actions(store));
            e.onReading(presence("zone1", 1));
            clock.advance(Duration.ofMinutes(3));
            e.tick();
        }
        assertThat(writes).isEmpty();

        try (SqliteRuleStateStore store = SqliteRuleStateStore.open(state, clock)) {
            RuleActions actions = actions(store);
            RuleEngine e = engine(store, actions);
            clock.advance(Duration.ofMinutes(2));
            e.tick();
            assertThat(writes).containsExactly("zone1.light1=1.0");
            assertThat(actions.count("command", RuleActions.Outcome.EXECUTED)).isEqualTo(1);
        }
        assertThat(audit).singleElement().satisfies(r -> {
            assertThat(r.device()).isEqualTo("gw1");
            assertThat(r.point()).isEqualTo(RuleActions.COMMAND_EVENT);
            assertThat(r.ts()).isEqualTo("2027-01-12T08:05:00Z");
            assertThat(r.attrs()).containsEntry("rule", "gym-lights").containsEntry("device", "bms-ecole")
                    .containsEntry("point", "zone1.light1").containsEntry("value", "1.0")
                    .containsEntry("outcome", "EXECUTED")
                    .containsEntry("commandId", "rule:gym-lights@2027-01-12T08:05:00Z/bms-ecole/zone1.light1")
                    .doesNotContainKey("reason");
        });
    }

    @Test
    void aDeviceOfAnotherGatewayIsRefusedAndAnAlertIsAudited() {
        try (SqliteRuleStateStore store = SqliteRuleStateStore.open(dir.resolve("s.db"), clock)) {
            RuleActions actions = actions(store);
            engine(store, actions).onReading(presence("zone2", 1));

            assertThat(writes).isEmpty();
            assertThat(audit).extracting(Reading::point).containsExactly("ruleCommand", "ruleAlert");
            assertThat(audit.get(0).attrs()).containsEntry("outcome", "REFUSED")
                    .containsEntry("reason", "device hall-relay is not on gateway gw1");
            assertThat(audit.get(1).attrs()).containsEntry("level", "warning").containsEntry("message", "hall occupied");
            assertThat(audit.get(1).value()).isEqualTo(1);
            assertThat(actions.count("command", RuleActions.Outcome.REFUSED)).isEqualTo(1);
        }
    }

    @Test
    void aDeviceThatFailsIsAuditedWithTheReasonAndAFiringIsExecutedOnce() {
        try (SqliteRuleStateStore store = SqliteRuleStateStore.open(dir.resolve("s.db"), clock)) {
            RuleActions actions = actions(store);
            deviceDown = true;
            Action.CommandAction c = new Action.CommandAction("liancourt", "gym-lights", "bms-ecole", "zone1.light1", 1,
                    clock.instant(), clock.instant().plusSeconds(120));
            actions.accept(c);
            actions.accept(c);

            assertThat(audit).singleElement().satisfies(r -> assertThat(r.attrs())
                    .containsEntry("outcome", "FAILED").containsEntry("reason", "UNREACHABLE: bms-ecole: no answer"));
            assertThat(actions.count("command", RuleActions.Outcome.REPEATED)).isEqualTo(1);

            clock.advance(Duration.ofMinutes(3));
            deviceDown = false;
            actions.accept(new Action.CommandAction("liancourt", "gym-lights", "bms-ecole", "zone1.light1", 0,
                    clock.instant().minusSeconds(200), clock.instant().minusSeconds(80)));
            assertThat(writes).isEmpty();
            assertThat(audit.get(1).attrs()).containsEntry("outcome", "EXPIRED");
        }
    }
}
