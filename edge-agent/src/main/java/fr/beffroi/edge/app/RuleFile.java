package fr.beffroi.edge.app;

import fr.beffroi.rules.load.RulesLoader;
import fr.beffroi.rules.load.RulesValidationException;
import fr.beffroi.rules.model.RuleSet;

import java.io.UncheckedIOException;
import java.nio.file.Path;

/** Loads the tenant's rule file, turning the loader's refusals into config problems. */
final class RuleFile {
    private RuleFile() {
    }

    static RuleSet load(Path file) throws ConfigException {
        try {
            return new RulesLoader().load(file);
        } catch (RulesValidationException e) {
            throw new ConfigException(e.errors());
        } catch (UncheckedIOException e) {
            throw new ConfigException(e.getMessage() + " (" + e.getCause().getMessage() + ")");
        }
    }
}
