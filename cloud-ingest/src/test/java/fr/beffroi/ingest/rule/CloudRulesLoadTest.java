package fr.beffroi.ingest.rule;

import fr.beffroi.ingest.app.ConfigException;
import fr.beffroi.ingest.metrics.IngestMetrics;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A bad rule file refuses the start, with the loader's messages; the database is not touched. */
class CloudRulesLoadTest {
    @TempDir
    Path dir;

    @Test
    void aBadFileRefusesStartNamingFileRuleAndPosition() throws Exception {
        Files.writeString(dir.resolve("liancourt.yaml"), """
                tenant: liancourt
                rules:
                  - id: broken
                    inputs: {t: {device: th-1, point: temperature}}
                    if: "t > y"
                    then: [ {alert: {message: hot}} ]
                """);
        assertThatThrownBy(() -> CloudRules.load(dir, null, a -> { }, Clock.systemUTC(), Duration.ofSeconds(1),
                new IngestMetrics()))
                .isInstanceOf(ConfigException.class)
                .satisfies(e -> assertThat(((ConfigException) e).problems()).anySatisfy(p -> assertThat(p)
                        .contains("liancourt.yaml:5:9: rules[0] (broken).if: CEL").contains("'y'")));
    }

    @Test
    void aFileMustBeNamedForItsTenant() throws Exception {
        Files.writeString(dir.resolve("saint-leu.yaml"), """
                tenant: liancourt
                rules:
                  - id: ping
                    when: [ {cron: "0 0 6 * * ?"} ]
                    then: [ {alert: {message: morning}} ]
                """);
        assertThatThrownBy(() -> CloudRules.load(dir, null, a -> { }, Clock.systemUTC(), Duration.ofSeconds(1),
                new IngestMetrics()))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("saint-leu.yaml: tenant liancourt in a file named for tenant saint-leu");
    }
}
