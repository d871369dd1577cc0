package fr.beffroi.edge.app;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;

/**
 * Runs the agent as its own process: {@code java -cp ... fr.beffroi.edge.app.EdgeAgentMain --config gateway.yaml}.
 * Exit code 2 for a bad command line or config (every problem printed), 1 for a failed start.
 * SIGTERM closes the agent cleanly; SIGKILL loses nothing appended, the buffer being durable.
 */
public final class EdgeAgentMain {
    private static final Logger LOG = LoggerFactory.getLogger(EdgeAgentMain.class);

    private EdgeAgentMain() {
    }

    public static void main(String[] args) throws InterruptedException {
        if (args.length != 2 || !"--config".equals(args[0])) {
            System.err.println("usage: EdgeAgentMain --config <gateway.yaml>");
            System.exit(2);
        }
        EdgeAgent agent;
        try {
            agent = EdgeAgent.fromConfigFile(Path.of(args[1]));
            agent.start();
        } catch (ConfigException e) {
            System.err.println("configuration " + args[1] + " refused:");
            e.problems().forEach(p -> System.err.println("  " + p));
            System.exit(2);
            return;
        } catch (RuntimeException e) {
            LOG.error("edge agent failed to start", e);
            System.exit(1);
            return;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            agent.close();
            stopped.countDown();
        }, "shutdown"));
        stopped.await();
    }
}
