package fr.beffroi.ingest.app;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;

/**
 * {@code IngestMain --config ingest.yaml} runs one node until stopped; {@code IngestMain --hash-secret}
 * prints the stored form of a gateway secret read from standard input.
 */
public final class IngestMain {
    private static final Logger LOG = LoggerFactory.getLogger(IngestMain.class);

    private IngestMain() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length == 1 && "--hash-secret".equals(args[0])) {
            // Read from stdin, never from the command line, where ps and shell history would show it.
            String secret = new java.io.BufferedReader(new java.io.InputStreamReader(System.in,
                    java.nio.charset.StandardCharsets.UTF_8)).readLine();
            if (secret == null || secret.isEmpty()) {
                usage("--hash-secret reads the secret from standard input");
                return;
            }
            System.out.println(fr.beffroi.ingest.auth.SecretHash.of(secret));
            return;
        }
        Path configPath = null;
        for (int i = 0; i < args.length; i++) {
            if ("--config".equals(args[i]) && i + 1 < args.length) {
                configPath = Path.of(args[++i]);
            } else {
                usage("unknown argument " + args[i]);
                return;
            }
        }
        if (configPath == null) {
            usage("--config is required");
            return;
        }
        IngestConfig config;
        try {
            config = new ConfigLoader(System::getenv).load(configPath);
        } catch (ConfigException e) {
            System.err.println(configPath + ": " + e.getMessage());
            System.exit(2);
            return;
        }
        IngestNode node;
        try {
            node = IngestNode.start(config);
        } catch (ConfigException e) {
            // A bad rule file: the loader's messages name file, line, column and rule.
            System.err.println(configPath + ": " + e.getMessage());
            System.exit(2);
            return;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            node.close();
            stopped.countDown();
        }, "ingest-shutdown"));
        LOG.info("listening: mqtt={} http={}", node.mqttPort(), node.httpPort());
        stopped.await();
    }

    private static void usage(String problem) {
        System.err.println(problem + "\nusage: IngestMain --config <ingest.yaml>\n       IngestMain --hash-secret < secret.txt");
        System.exit(2);
    }
}
