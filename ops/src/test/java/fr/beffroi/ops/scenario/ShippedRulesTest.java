package fr.beffroi.ops.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import fr.beffroi.rules.load.RulesLoader;
import fr.beffroi.rules.model.RuleSet;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Every shipped rule file loads (shape, meaning, CEL) and is named after its tenant. */
class ShippedRulesTest {

  @Test
  void everyShippedRuleFileLoadsWithoutErrors() throws IOException, URISyntaxException {
    Path dir = Path.of(ShippedRulesTest.class.getResource("/rules").toURI());
    List<Path> files;
    try (Stream<Path> s = Files.list(dir)) {
      files = s.filter(p -> p.toString().endsWith(".yaml")).sorted().toList();
    }
    assertThat(files).extracting(p -> p.getFileName().toString())
        .contains("liancourt.yaml", "saint-leu.yaml");
    for (Path file : files) {
      RuleSet set = new RulesLoader().load(file);   // throws RulesValidationException with every error
      assertThat(set.tenant() + ".yaml").as("tenant of %s", file).isEqualTo(file.getFileName().toString());
      assertThat(set.rules()).as("rules of %s", file).isNotEmpty();
    }
  }
}
