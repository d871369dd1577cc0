package fr.beffroi.rules.load;

import fr.beffroi.rules.model.Aggregate;
import fr.beffroi.rules.model.Rule;
import fr.beffroi.rules.model.RuleSet;
import fr.beffroi.rules.model.RunMode;
import fr.beffroi.rules.model.Site;
import fr.beffroi.rules.model.Step;
import fr.beffroi.rules.model.SunEvent;
import fr.beffroi.rules.model.Trigger;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RulesLoaderTest {
    private final RulesLoader loader = new RulesLoader();

    private List<String> errorsOf(String yaml) {
        try {
            loader.parse("bad.yaml", yaml);
        } catch (RulesValidationException e) {
            return e.errors();
        }
        throw new AssertionError("the file loaded");
    }

    @Test
    void loadsAGoodFileWithEveryKindOfTriggerAndStep() {
        RuleSet set = loader.loadResource("rules/saint-leu.yaml");

        assertThat(set.tenant()).isEqualTo("saint-leu");
        assertThat(set.location()).hasValueSatisfying(l -> assertThat(l.latitude()).isEqualTo(49.43));
        assertThat(set.rules()).extracting(Rule::id).containsExactly("gym-lights", "piezo-alert",
                "boiler-overheat", "morning-heating", "hall-heating-before-booking");

        Rule gym = set.rule("gym-lights").orElseThrow();
        assertThat(gym.runs()).isEqualTo(Site.EDGE);
        assertThat(gym.mode()).isEqualTo(RunMode.RESTART);
        assertThat(gym.inputs().get("lux").aggregate()).isEqualTo(Aggregate.AVG);
        assertThat(gym.inputs().get("lux").window()).isEqualTo(Duration.ofMinutes(10));
        assertThat(gym.when()).containsExactly(new Trigger.OnReading("gym-pir", "presence"),
                new Trigger.OnSun(SunEvent.SUNSET, Duration.ofMinutes(-15)));
        assertThat(gym.condition()).hasValueSatisfying(c -> assertThat(c.source()).contains("presence"));
        assertThat(gym.otherwise()).containsExactly(new Step.Delay(Duration.ofMinutes(10)),
                new Step.Command("gym-relay", "lights", 0, Duration.ofMinutes(2)));

        Rule piezo = set.rule("piezo-alert").orElseThrow();
        assertThat(piezo.runs()).isEqualTo(Site.CLOUD);
        assertThat(piezo.mode()).isEqualTo(RunMode.SINGLE);
        assertThat(piezo.effectiveTriggers()).containsExactly(new Trigger.OnReading("piezo-plateau", "level"));
        assertThat(set.rule("boiler-overheat").orElseThrow().holdFor()).isEqualTo(Duration.ofMinutes(5));
    }

    @Test
    void forSiteKeepsTheRulesOfOneSite() {
        RuleSet set = loader.loadResource("rules/saint-leu.yaml");

        assertThat(set.forSite(Site.EDGE).rules()).extracting(Rule::id)
                .containsExactly("gym-lights", "boiler-overheat");
        assertThat(set.forSite(Site.CLOUD).rules()).extracting(Rule::id)
                .containsExactly("piezo-alert", "morning-heating", "hall-heating-before-booking");
    }

    @Test
    void theShippedExampleAndTheReadmeExampleLoad() {
        assertThat(loader.loadResource("examples/saint-leu.yaml").rules()).hasSize(5);
        assertThat(loader.loadResource("rules/readme-example.yaml").rule("gym-lights").orElseThrow().when())
                .hasSize(3);
    }

    @Test
    void aConditionThatDoesNotCompileIsRefusedWithTheYamlAndCelPositions() {
        List<String> errors = errorsOf("""
                tenant: t
                rules:
                  - id: r1
                    inputs: {x: {device: d, point: p}}
                    if: "x > && x < 3.0"
                    then: [ {alert: {level: info, message: m}} ]
                """);

        assertThat(errors).hasSize(1);
        assertThat(errors.get(0)).startsWith("bad.yaml:5:9: rules[0] (r1).if: CEL 1:5: ");
    }

    @Test
    void aConditionOnAnUnknownInputIsRefused() {
        List<String> errors = errorsOf("""
                tenant: t
                rules:
                  - id: r1
                    inputs: {x: {device: d, point: p}}
                    if: x > 1.0 && y < 2.0
                    then: [ {alert: {level: info, message: m}} ]
                """);

        assertThat(errors).singleElement().asString()
                .startsWith("bad.yaml:5:9: rules[0] (r1).if: CEL 1:12: ")
                .contains("undeclared reference to 'y'");
    }

    @Test
    void aConditionThatIsNotBooleanIsRefused() {
        assertThat(errorsOf("""
                tenant: t
                rules:
                  - id: r1
                    inputs: {x: {device: d, point: p}}
                    if: x + 1.0
                    then: [ {alert: {level: info, message: m}} ]
                """)).singleElement().asString().contains("expected type 'bool'");
    }

    @Test
    void aBadCronIsRefused() {
        assertThat(errorsOf("""
                tenant: t
                rules:
                  - id: r1
                    when: [ {cron: "0 61 6 * * ?"} ]
                    then: [ {alert: {level: info, message: m}} ]
                """)).singleElement().asString()
                .startsWith("bad.yaml:4:20: rules[0] (r1).when[0].cron: '0 61 6 * * ?' is not a Quartz cron");
    }

    @Test
    void anEdgeRuleOnBookingsIsRefusedSinceGatewaysHoldNone() {
        List<String> errors = errorsOf("""
                tenant: t
                rules:
                  - id: r1
                    runs: edge
                    when: [ {booking: {room: gym, at: start, offset: -3h}} ]
                    then: [ {alert: {level: info, message: m}} ]
                  - id: r2
                    runs: edge
                    inputs: {t: {device: d, point: p}}
                    if: "t < 19.0 && 'gym' in booked"
                    then: [ {alert: {level: info, message: m}} ]
                  - id: r3
                    runs: edge
                    inputs: {t: {device: d, point: p}}
                    if: "t < 19.0 && 'booked' != 'hours_to_booking'"
                    then: [ {alert: {level: info, message: m}} ]
                  - id: r4
                    inputs: {t: {device: d, point: p}}
                    if: "'gym' in booked"
                    then: [ {alert: {level: info, message: m}} ]
                """);

        assertThat(errors).containsExactly(
                "bad.yaml:5:11: rules[0] (r1).when: booking triggers need the bookings, which only the cloud holds:"
                        + " a runs: edge rule cannot take them (run it in the cloud)",
                "bad.yaml:10:9: rules[1] (r2).if: booked comes from the bookings, which only the cloud holds:"
                        + " a runs: edge rule cannot use it (run it in the cloud)");
    }

    @Test
    void aBadDurationIsRefusedWithItsPath() {
        assertThat(errorsOf("""
                tenant: t
                rules:
                  - id: r1
                    inputs: {x: {device: d, point: p}}
                    if: x > 1.0
                    for: 5 minutes
                    then: [ {alert: {level: info, message: m}} ]
                """)).singleElement().asString()
                .startsWith("bad.yaml:6:10: rules[0] (r1).for: '5 minutes' is not a duration");
    }

    @Test
    void anUnknownKeyIsRefused() {
        assertThat(errorsOf("""
                tenant: t
                rules:
                  - id: r1
                    inputs: {x: {device: d, point: p}}
                    iff: x > 1.0
                    then: [ {alert: {level: info, message: m}} ]
                """)).singleElement().asString()
                .startsWith("bad.yaml:5:10: rules[0] (r1).iff: unknown key 'iff'");
    }

    @Test
    void everyErrorOfAFileIsReportedAtOnce() {
        List<String> errors = errorsOf("""
                tenant: t
                rules:
                  - id: r1
                    mode: sometimes
                    inputs: {x: {device: d, point: p, avg: 10 minutes}}
                    hysteresis: {input: z, on_below: 3, off_above: 2}
                    then: [ {command: {device: relay, point: p, value: 1}} ]
                  - id: r1
                    when: [ {sun: {event: sunset}}, {tide: high} ]
                    else: [ {delay: 1m} ]
                    then: [ {alert: {level: loud, message: m}} ]
                """);

        assertThat(errors).anySatisfy(e -> assertThat(e).startsWith("bad.yaml:4:11: rules[0] (r1).mode: unknown value 'sometimes'"))
                .anySatisfy(e -> assertThat(e).startsWith("bad.yaml:5:44: rules[0] (r1).inputs.x.avg: '10 minutes'").doesNotContain("ok"))
                .anySatisfy(e -> assertThat(e).contains("rules[0] (r1).hysteresis.input: unknown input 'z'"))
                .anySatisfy(e -> assertThat(e).contains("rules[0] (r1).then[0].command.expires: missing"))
                .anySatisfy(e -> assertThat(e).contains("rules[1] (r1).when[0].sun: sun: needs the tenant's location"))
                .anySatisfy(e -> assertThat(e).contains("rules[1] (r1).when[1].tide: unknown trigger 'tide'"))
                .anySatisfy(e -> assertThat(e).contains("rules[1] (r1).else: else: needs a condition"))
                .anySatisfy(e -> assertThat(e).contains("rules[1] (r1).then[0].alert.level: unknown value 'loud'"));
        assertThat(errors).hasSizeGreaterThanOrEqualTo(8);
    }

    @Test
    void aDuplicateRuleIdIsRefused() {
        assertThat(errorsOf("""
                tenant: t
                rules:
                  - {id: r1, when: [ {cron: "0 0 6 * * ?"} ], then: [ {alert: {message: m}} ]}
                  - {id: r1, when: [ {cron: "0 0 7 * * ?"} ], then: [ {alert: {message: m}} ]}
                """)).singleElement().asString().contains("rules[1].id: duplicate rule id 'r1'");
    }

    @Test
    void anInvertedHysteresisBandIsRefused() {
        assertThat(errorsOf("""
                tenant: t
                rules:
                  - id: r1
                    inputs: {level: {device: d, point: p}}
                    hysteresis: {input: level, on_below: 52.3, off_above: 52.0}
                    then: [ {alert: {message: m}} ]
                """)).singleElement().asString().contains("on_below (52.3) must be lower than off_above (52.0)");
    }

    @Test
    void aYamlSyntaxErrorNamesItsLine() {
        assertThatThrownBy(() -> loader.parse("bad.yaml", "tenant: t\nrules: [ {id: r1\n"))
                .isInstanceOf(RulesValidationException.class)
                .hasMessageContaining("bad.yaml:")
                .hasMessageContaining("(yaml)");
    }

    @Test
    void sandboxLeavesNoWayOutOfCel() {
        // no function beyond CEL's standard ones is declared: no Java, no file, no network
        assertThat(errorsOf("""
                tenant: t
                rules:
                  - id: r1
                    inputs: {x: {device: d, point: p}}
                    if: java.lang.System.exit(0) == null
                    then: [ {alert: {message: m}} ]
                """)).isNotEmpty().allSatisfy(e -> assertThat(e)
                .startsWith("bad.yaml:5:9: rules[0] (r1).if: CEL").contains("undeclared reference"));
    }
}
