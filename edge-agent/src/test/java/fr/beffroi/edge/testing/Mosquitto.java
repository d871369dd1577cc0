package fr.beffroi.edge.testing;

import org.junit.jupiter.api.Assumptions;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import static org.awaitility.Awaitility.await;

/**
 * Debian's mosquitto broker on a free 127.0.0.1 port, started by the test with a temp config
 * (anonymous access, no persistence). Tests skip, saying why, when the binary is absent.
 */
public final class Mosquitto implements AutoCloseable {
    public static final Path BINARY = Path.of("/usr/sbin/mosquitto");

    private final Path dir;
    private final int port;
    private final String security;
    private Process process;

    private Mosquitto(Path dir, int port, String security) {
        this.dir = dir;
        this.port = port;
        this.security = security;
    }

    /** Skips the calling test when mosquitto is not installed. */
    public static void assumeInstalled() {
        Assumptions.assumeTrue(Files.isExecutable(BINARY),
                "mosquitto not installed (" + BINARY + " missing): apt-get install -y mosquitto");
    }

    public static Mosquitto start(Path dir) throws IOException {
        assumeInstalled();
        Mosquitto broker = new Mosquitto(dir, freePort(), "allow_anonymous true\n");
        broker.startProcess();
        return broker;
    }

    /**
     * A broker that wants a username and password ({@code user} / {@code password}) and applies
     * {@code acl} (mosquitto acl_file syntax) to that user.
     */
    public static Mosquitto startWithAuth(Path dir, String user, String password, String acl)
            throws IOException, InterruptedException {
        assumeInstalled();
        Path passwords = dir.resolve("passwords");
        Process p = new ProcessBuilder("/usr/bin/mosquitto_passwd", "-b", "-c", passwords.toString(), user, password)
                .redirectErrorStream(true).start();
        p.getInputStream().transferTo(java.io.OutputStream.nullOutputStream());
        if (p.waitFor() != 0) throw new IOException("mosquitto_passwd failed");
        Path aclFile = dir.resolve("acl");
        Files.writeString(aclFile, acl);
        Mosquitto broker = new Mosquitto(dir, freePort(), "allow_anonymous false\npassword_file " + passwords
                + "\nacl_file " + aclFile + "\n");
        broker.startProcess();
        return broker;
    }

    public static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    public void startProcess() throws IOException {
        Path conf = dir.resolve("mosquitto.conf");
        Files.writeString(conf, """
                listener %d 127.0.0.1
                %s
                # Stay root under test: the temp files are not readable by the mosquitto user.
                user root
                persistence false
                log_dest stdout
                log_type error
                log_type warning
                log_type notice
                """.formatted(port, security));
        process = new ProcessBuilder(BINARY.toString(), "-c", conf.toString())
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve("mosquitto.log").toFile())
                .start();
        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(50)).until(this::accepts);
    }

    /** Stops the broker (as a crash would: SIGKILL), keeping its port for a restart. */
    public void kill() throws InterruptedException {
        if (process == null) return;
        process.destroyForcibly();
        process.waitFor(10, TimeUnit.SECONDS);
        process = null;
    }

    private boolean accepts() {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 200);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    public String url() {
        return "tcp://127.0.0.1:" + port;
    }

    public int port() {
        return port;
    }

    @Override
    public void close() {
        try {
            kill();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
