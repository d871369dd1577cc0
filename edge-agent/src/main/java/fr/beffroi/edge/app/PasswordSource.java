package fr.beffroi.edge.app;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.function.Function;

/**
 * Where the MQTT password comes from: an environment variable or a file, never the YAML itself, so
 * that the config file can be shared and logged. Holds only the name or path; exactly one is set.
 *
 * @param env  name of the environment variable holding the password, or null
 * @param file path of a file holding the password (trailing newline ignored), or null
 */
public record PasswordSource(String env, Path file) {
    public PasswordSource {
        if ((env == null) == (file == null)) {
            throw new IllegalArgumentException("exactly one of env and file must be set");
        }
    }

    public static PasswordSource fromEnv(String name) {
        return new PasswordSource(name, null);
    }

    public static PasswordSource fromFile(Path path) {
        return new PasswordSource(null, path);
    }

    /**
     * Reads the password now.
     *
     * @param environment looks an environment variable up ({@code System::getenv} in production)
     * @throws ConfigException naming the variable or file (never the value) when it cannot be read
     */
    public byte[] resolve(Function<String, String> environment) throws ConfigException {
        if (env != null) {
            String value = environment.apply(env);
            if (value == null || value.isEmpty()) {
                throw new ConfigException("uplink.password.env: environment variable " + env + " is not set");
            }
            return value.getBytes(StandardCharsets.UTF_8);
        }
        try {
            String value = Files.readString(file, StandardCharsets.UTF_8).strip();
            if (value.isEmpty()) throw new ConfigException("uplink.password.file: " + file + " is empty");
            return value.getBytes(StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new ConfigException("uplink.password.file: cannot read " + file + " (" + e.getClass().getSimpleName() + ")");
        }
    }

    /** Where the password is read from, for logs. */
    public String describe() {
        return Optional.ofNullable(env).map(e -> "env " + e).orElse("file " + file);
    }
}
